import Alert from "@mui/material/Alert";
import Box from "@mui/material/Box";
import Button from "@mui/material/Button";
import Rating from "@mui/material/Rating";
import TextField from "@mui/material/TextField";
import Typography from "@mui/material/Typography";
import { useId, useState, type FormEvent } from "react";
import { awaitsRating, type Conversation, type Rating as Rated } from "@messagerie/client/types";
import { useApi } from "../api/ApiContext.tsx";
import { errorText } from "../api/errors.ts";
import { useI18n } from "../i18n/I18nContext.tsx";

interface RatingFormProps {
  conversation: Pick<Conversation, "id" | "status" | "closedAt" | "rating">;
  onRated: (rating: Rated) => void;
}

/** Once a conversation is closed: "Êtes-vous satisfait de la réponse ?", 1 to 5 and an optional comment, once per closing. */
export function RatingForm({ conversation, onRated }: RatingFormProps) {
  const client = useApi();
  const { t } = useI18n();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [thanked, setThanked] = useState(false);
  const questionId = useId();

  if (conversation.status !== "closed") return null;
  if (!awaitsRating(conversation)) {
    const { rating } = conversation;
    return rating ? (
      <Typography role="status" variant="body2" color="text.secondary" sx={{ mx: 2, mt: 1 }}>
        {thanked ? `${t.rating.thanks} ` : ""}
        {t.rating.yours(rating.score)}
      </Typography>
    ) : null;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (score === null) return;
    setSending(true);
    setError(null);
    try {
      const rating = await client.rate(conversation.id, { score, comment: comment.trim() || undefined });
      setThanked(true);
      onRated(rating);
    } catch (failure) {
      setError(errorText(t, failure));
    } finally {
      setSending(false);
    }
  }

  return (
    <Box component="form" aria-labelledby={questionId} onSubmit={(event) => void submit(event)} sx={{ mx: 2, mt: 1, display: "grid", gap: 1 }}>
      <Typography id={questionId} variant="subtitle2" component="h3">
        {t.rating.question}
      </Typography>
      <Rating
        name={`rating-${conversation.id}`}
        value={score}
        onChange={(_event, value) => setScore(value)}
        getLabelText={(value) => t.rating.scoreLabel(value)}
      />
      {score !== null && (
        <>
          <TextField size="small" label={t.rating.comment} value={comment} onChange={(event) => setComment(event.target.value)} multiline maxRows={4}
            slotProps={{ htmlInput: { maxLength: 2000 } }} />
          <Box>
            <Button type="submit" variant="contained" size="small" disabled={sending}>
              {t.rating.send}
            </Button>
          </Box>
        </>
      )}
      {error && <Alert severity="error">{error}</Alert>}
    </Box>
  );
}
