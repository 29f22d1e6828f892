import { Rating, Stack, Typography } from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";
import type { Conversation } from "@messagerie/client/types";

/** The pro's satisfaction with the ticket's answer: stars with their value in words, and the comment where asked. */
export const RatingField = ({ withComment = false }: { withComment?: boolean }) => {
  const record = useRecordContext<Conversation>();
  const translate = useTranslate();
  const rating = record?.rating;
  if (!rating) return null;
  const label = translate("app.rating.score", { score: rating.score });
  return (
    <Stack spacing={0.5}>
      <Rating value={rating.score} readOnly size="small" aria-label={label} title={label} />
      {withComment && rating.comment && (
        <Typography variant="body2" dir="auto" sx={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          « {rating.comment} »
        </Typography>
      )}
    </Stack>
  );
};
