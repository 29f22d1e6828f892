import { RatingField } from "../ratings/RatingField";
import { Card, CardContent, Link as MuiLink, Stack, Typography } from "@mui/material";
import { Labeled, Link, NumberField, useRecordContext, useTranslate } from "react-admin";
import { DateTimeField } from "../dates/RelativeDateField";
import type { Conversation } from "@messagerie/client/types";
import { awaitsFirstReply } from "./conversationModel";
import { StatusChip } from "./StatusField";
import { TriageEditors } from "./TriageActions";
import { WaitingSinceField } from "./TriageFields";

/** The ticket's facts beside the thread: who, state, and the dates support teams are measured on. */
export const ConversationAside = () => {
  const record = useRecordContext<Conversation>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Card sx={{ width: { md: 300 }, flexShrink: 0, ml: { md: 2 }, mt: { xs: 2, md: 0 }, alignSelf: { xs: "stretch", md: "flex-start" } }}>
      <CardContent>
        <Stack spacing={1.5}>
          <Labeled label="resources.conversations.fields.professionalId">
            <Stack>
              <Link to={`/users/${record.professionalId}`} variant="body2">
                {record.professional.name}
              </Link>
              <MuiLink href={`mailto:${record.professional.email}`} variant="caption" color="text.secondary">
                {record.professional.email}
              </MuiLink>
            </Stack>
          </Labeled>
          <TriageEditors />
          {record.waitingSince && (
            <Labeled label="resources.conversations.fields.waitingSince">
              <WaitingSinceField />
            </Labeled>
          )}
          <Labeled label="resources.conversations.fields.status">
            <Stack direction="row">
              <StatusChip status={record.status} />
            </Stack>
          </Labeled>
          <Labeled label="resources.conversations.fields.createdAt">
            <DateTimeField source="createdAt" />
          </Labeled>
          <Labeled label="resources.conversations.fields.lastMessageAt">
            <DateTimeField source="lastMessageAt" />
          </Labeled>
          {record.firstAdminReplyAt ? (
            <Labeled label="resources.conversations.fields.firstAdminReplyAt">
              <DateTimeField source="firstAdminReplyAt" />
            </Labeled>
          ) : (
            awaitsFirstReply(record) && (
              <Labeled label="resources.conversations.fields.firstAdminReplyAt">
                <Typography variant="body2" color="text.secondary">
                  {translate("app.conversation.no_reply_yet")}
                </Typography>
              </Labeled>
            )
          )}
          {record.closedAt && record.status === "closed" && (
            <Labeled label="resources.conversations.fields.closedAt">
              <DateTimeField source="closedAt" />
            </Labeled>
          )}
          <Labeled label="resources.conversations.fields.messageCount">
            <NumberField source="messageCount" />
          </Labeled>
          {record.rating && (
            <Labeled label="resources.conversations.fields.rating">
              <RatingField withComment />
            </Labeled>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
