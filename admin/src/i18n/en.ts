import englishMessages from "ra-language-english";
import type { TranslationMessages } from "react-admin";

export const en: TranslationMessages = {
  ...englishMessages,
  resources: {
    conversations: {
      name: "Ticket |||| Tickets",
      fields: {
        subject: "Subject",
        professionalId: "Professional",
        professional: "Professional",
        status: "Status",
        unreadCount: "Unread",
        createdAt: "Created",
        lastMessageAt: "Last activity",
        firstAdminReplyAt: "First reply",
        closedAt: "Closed on",
        messageCount: "Messages",
        content: "First message",
        q: "Search",
        unreadOnly: "Unread only",
        lastMessageAt_gte: "Active since",
        lastMessageAt_lte: "Active until",
      },
    },
    users: {
      name: "Professional |||| Professionals",
      fields: {
        name: "Name",
        email: "Email",
        password: "Password",
        active: "Active",
        createdAt: "Joined",
        q: "Search",
      },
    },
  },
  app: {
    auth: {
      email: "Email",
      admins_only: "Administrators only",
    },
    status: { open: "Open", closed: "Closed" },
    tabs: { label: "Filter by state", open: "Open", closed: "Closed", unread: "Unread", all: "All" },
    action: {
      close: "Close",
      reopen: "Reopen",
      send: "Send",
      write: "Write",
      new_conversation: "New conversation",
    },
    notification: {
      closed: "Ticket closed |||| %{smart_count} tickets closed",
      reopened: "Ticket reopened |||| %{smart_count} tickets reopened",
      reply_sent: "Message sent",
      export_error: "The export failed, please try again.",
    },
    unread: {
      messages: "%{smart_count} unread message |||| %{smart_count} unread messages",
    },
    thread: {
      label: "Messages",
      you: "You",
      today: "Today",
      yesterday: "Yesterday",
      from_admin: "Message from %{name} (admin)",
      from_pro: "Message from %{name}",
      read: "Read",
      sent: "Sent",
      read_at: "Read on %{date}",
      not_read: "Not read yet",
    },
    reply: {
      label: "Your reply",
      placeholder: "Write your reply… (Ctrl+Enter to send)",
      closed_hint: "This ticket is closed: replying will reopen it.",
    },
    conversation: { no_reply_yet: "No reply yet" },
    user: {
      new: "New professional",
      email_fixed: "The email is the sign-in name and cannot be changed.",
      active_hint: "A deactivated professional can no longer sign in.",
    },
  },
};
