const thousands = (n: number) => n.toLocaleString("fr-FR");

/** The French dictionary is the reference: every other language has exactly its shape (see Messages). */
export const fr = {
  app: {
    title: "Espace pro",
    navigation: "Navigation de l'espace pro",
    language: "Langue",
    logout: "Se déconnecter",
    signedInAs: (name: string) => `Connecté en tant que ${name}`,
  },
  login: {
    title: "Connexion à l'espace pro",
    email: "Adresse e-mail",
    password: "Mot de passe",
    submit: "Se connecter",
    submitting: "Connexion…",
    invalid: "Adresse e-mail ou mot de passe incorrect.",
    tooMany: "Trop de tentatives échouées. Réessayez dans quelques minutes.",
    expired: "Votre session a expiré. Reconnectez-vous.",
    redirectingAdmin: "Compte administrateur : ouverture de la console d'administration…",
    required: "Renseignez votre adresse e-mail et votre mot de passe.",
  },
  badge: {
    unread: (count: number) =>
      count === 0 ? "aucun message non lu" : count === 1 ? "1 message non lu" : `${count} messages non lus`,
  },
  messaging: {
    tab: "Messagerie",
    newConversation: "Nouvelle conversation",
    selectConversation: "Sélectionnez une conversation pour la lire, ou ouvrez-en une nouvelle.",
  },
  list: {
    label: "Conversations",
    filterLabel: "Filtrer les conversations",
    filters: { all: "Toutes", open: "Ouvertes", closed: "Fermées", unread: "Non lues" },
    emptyTitle: "Aucune conversation pour l'instant",
    emptyText: "Une question, un souci ? Ouvrez un ticket : notre équipe vous répond ici.",
    emptyFiltered: "Aucune conversation ne correspond à ce filtre.",
    openTicket: "Ouvrir un ticket",
    you: "Vous : ",
    unread: (count: number) => (count === 1 ? "1 message non lu" : `${count} messages non lus`),
    loadError: "Impossible de charger les conversations.",
    retry: "Réessayer",
  },
  status: { open: "Ouverte", closed: "Fermée" },
  thread: {
    back: "Retour aux conversations",
    messages: "Messages",
    you: "Vous",
    sent: "Envoyé",
    readAt: (when: string) => `Lu (${when})`,
    closedNotice: "Cette conversation est fermée. Écrire un message la rouvrira.",
    close: "Fermer la conversation",
    reopen: "Rouvrir",
    notFound: "Cette conversation n'existe pas ou ne vous est pas accessible.",
    loadError: "Impossible de charger la conversation.",
    statusError: "Le changement de statut a échoué.",
  },
  form: {
    label: "Votre message",
    send: "Envoyer",
    sending: "Envoi…",
    hint: (shortcut: string) => `${shortcut}+Entrée pour envoyer`,
    counter: (length: number, max: number) => `${thousands(length)} / ${thousands(max)}`,
    required: "Le message ne peut pas être vide.",
    tooLong: (max: number) => `Le message ne doit pas dépasser ${thousands(max)} caractères.`,
    refused: (reason: string) => `Envoi refusé : ${reason}`,
  },
  newConversation: {
    title: "Nouvelle conversation",
    intro: "Décrivez votre demande : un administrateur vous répondra dans cette messagerie.",
    subject: "Sujet",
    message: "Message",
    cancel: "Annuler",
    submit: "Envoyer",
    submitting: "Envoi…",
    subjectRequired: "Le sujet est obligatoire.",
    subjectTooLong: (max: number) => `Le sujet ne doit pas dépasser ${thousands(max)} caractères.`,
    messageRequired: "Le message est obligatoire.",
  },
};

export type Messages = typeof fr;
