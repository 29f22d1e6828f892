import type { Email } from "../mail/transport.ts";

export type Language = "fr" | "en";
export type EmailKind = "reply" | "message" | "reminder";

/** What an email is made of: to whom, about which conversation, which messages, and where to go. */
export type EmailFacts = {
  kind: EmailKind;
  notificationId: number;
  recipient: { email: string; name: string; language: string };
  conversation: { id: number; subject: string };
  messages: { senderName: string; content: string; createdAt: Date; attachments: number }[];
  /** The conversation in the recipient's app. */
  link: string;
  /** The one-click unsubscribe link (POST), and its page (GET). */
  unsubscribe: string;
  from: string;
  /** Names the Message-ID domain. */
  host: string;
};

const texts = {
  fr: {
    reply: (n: number) => (n > 1 ? `${n} nouveaux messages de l'équipe support` : "Nouveau message de l'équipe support"),
    message: (n: number) => (n > 1 ? `${n} nouveaux messages du professionnel` : "Nouveau message du professionnel"),
    reminder: "Nous attendons votre réponse",
    reminderBody: "L'équipe support attend votre réponse à cette conversation. Sans réponse, elle sera bientôt fermée automatiquement.",
    open: "Ouvrir la conversation",
    files: (n: number) => (n > 1 ? `${n} pièces jointes` : "1 pièce jointe"),
    footer: "Vous recevez cet e-mail parce que les notifications sont activées pour votre compte.",
    stop: "Ne plus recevoir ces e-mails",
    colon: "\u202f: ",
    at: (date: Date) => new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" }).format(date),
  },
  en: {
    reply: (n: number) => (n > 1 ? `${n} new messages from the support team` : "New message from the support team"),
    message: (n: number) => (n > 1 ? `${n} new messages from the professional` : "New message from the professional"),
    reminder: "We are waiting for your answer",
    reminderBody: "The support team is waiting for your answer in this conversation. Without one, it will soon be closed automatically.",
    open: "Open the conversation",
    files: (n: number) => (n > 1 ? `${n} attachments` : "1 attachment"),
    footer: "You receive this email because notifications are on for your account.",
    stop: "Stop these emails",
    colon: ": ",
    at: (date: Date) => new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" }).format(date),
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (character) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[character]!);

/**
 * One email in the recipient's language (French unless he chose English): plain text and HTML (every text escaped),
 * headers that thread one conversation's emails together in mail clients (one root Message-ID per conversation), a
 * signed one-click unsubscribe (RFC 8058) and `Auto-Submitted: auto-generated` (RFC 3834, so that nobody auto-replies).
 */
export function composeEmail(facts: EmailFacts): Email {
  const language: Language = facts.recipient.language === "en" ? "en" : "fr";
  const t = texts[language];
  const title = facts.kind === "reminder" ? t.reminder : t[facts.kind](facts.messages.length);
  const subject = `[#${facts.conversation.id}] ${facts.conversation.subject}`;
  const lines = facts.messages.map((message) => {
    const files = message.attachments > 0 ? `\n(${t.files(message.attachments)})` : "";
    return `${message.senderName} — ${t.at(message.createdAt)}\n${message.content}${files}`;
  });
  const text = [title, "", facts.kind === "reminder" ? t.reminderBody : lines.join("\n\n"), "", `${t.open}${t.colon}${facts.link}`, "", "--", t.footer, `${t.stop}${t.colon}${facts.unsubscribe}`]
    .join("\n");
  const htmlMessages = facts.kind === "reminder"
    ? `<p>${escapeHtml(t.reminderBody)}</p>`
    : facts.messages
        .map((message) => `<div style="margin:0 0 16px;padding:12px 16px;border-left:3px solid #1565c0;background:#f5f7fa">
  <div style="color:#555;font-size:13px;margin-bottom:6px"><strong>${escapeHtml(message.senderName)}</strong> — ${escapeHtml(t.at(message.createdAt))}</div>
  <div style="white-space:pre-wrap">${escapeHtml(message.content)}</div>${message.attachments > 0 ? `\n  <div style="color:#555;font-size:13px;margin-top:6px">📎 ${escapeHtml(t.files(message.attachments))}</div>` : ""}
</div>`)
        .join("\n");
  const html = `<!doctype html><html lang="${language}"><body style="font-family:Arial,sans-serif;color:#1d2433;max-width:640px">
<h1 style="font-size:18px">${escapeHtml(title)}</h1>
<p style="color:#555">${escapeHtml(subject)}</p>
${htmlMessages}
<p><a href="${escapeHtml(facts.link)}" style="display:inline-block;padding:10px 18px;background:#1565c0;color:#fff;text-decoration:none;border-radius:6px">${escapeHtml(t.open)}</a></p>
<p style="color:#777;font-size:12px">${escapeHtml(t.footer)} <a href="${escapeHtml(facts.unsubscribe)}" style="color:#777">${escapeHtml(t.stop)}</a></p>
</body></html>`;
  const thread = `<conversation-${facts.conversation.id}@${facts.host}>`;
  return {
    from: facts.from,
    to: { name: facts.recipient.name, address: facts.recipient.email },
    subject,
    text,
    html,
    messageId: `<notification-${facts.notificationId}@${facts.host}>`,
    inReplyTo: thread,
    references: [thread],
    headers: {
      "Auto-Submitted": "auto-generated",
      "List-Unsubscribe": `<${facts.unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
