import frenchMessages from "ra-language-french";
import type { TranslationMessages } from "react-admin";

export const fr: TranslationMessages = {
  ...frenchMessages,
  resources: {
    conversations: {
      name: "Ticket |||| Tickets",
      fields: {
        subject: "Sujet",
        professionalId: "Professionnel",
        professional: "Professionnel",
        status: "Statut",
        unreadCount: "Non lus",
        createdAt: "Créé",
        lastMessageAt: "Dernière activité",
        firstAdminReplyAt: "Première réponse",
        closedAt: "Fermé le",
        messageCount: "Messages",
        content: "Premier message",
        q: "Rechercher",
        unreadOnly: "Non lus uniquement",
        lastMessageAt_gte: "Activité depuis le",
        lastMessageAt_lte: "Activité jusqu'au",
      },
    },
    users: {
      name: "Professionnel |||| Professionnels",
      fields: {
        name: "Nom",
        email: "E-mail",
        password: "Mot de passe",
        active: "Actif",
        createdAt: "Inscrit",
        q: "Rechercher",
      },
    },
  },
  app: {
    auth: {
      email: "E-mail",
      admins_only: "Accès réservé aux administrateurs",
    },
    status: { open: "Ouvert", closed: "Fermé" },
    tabs: { label: "Filtrer par état", open: "Ouverts", closed: "Fermés", unread: "Non lus", all: "Tous" },
    action: {
      close: "Fermer",
      reopen: "Rouvrir",
      send: "Envoyer",
      write: "Écrire",
      new_conversation: "Nouvelle conversation",
    },
    notification: {
      closed: "Ticket fermé |||| %{smart_count} tickets fermés",
      reopened: "Ticket rouvert |||| %{smart_count} tickets rouverts",
      reply_sent: "Message envoyé",
      export_error: "L'export a échoué, réessayez.",
    },
    unread: {
      messages: "%{smart_count} message non lu |||| %{smart_count} messages non lus",
    },
    thread: {
      label: "Messages",
      you: "Vous",
      today: "Aujourd'hui",
      yesterday: "Hier",
      from_admin: "Message de %{name} (administration)",
      from_pro: "Message de %{name}",
      read: "Lu",
      sent: "Envoyé",
      read_at: "Lu le %{date}",
      not_read: "Pas encore lu",
    },
    reply: {
      label: "Votre réponse",
      placeholder: "Écrivez votre réponse… (Ctrl+Entrée pour envoyer)",
      closed_hint: "Ce ticket est fermé : y répondre le rouvrira.",
    },
    conversation: { no_reply_yet: "Pas encore de réponse" },
    user: {
      new: "Nouveau professionnel",
      email_fixed: "L'e-mail sert d'identifiant et ne se modifie pas.",
      active_hint: "Un professionnel désactivé ne peut plus se connecter.",
    },
  },
};
