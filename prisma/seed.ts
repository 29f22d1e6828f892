import { pathToFileURL } from "node:url";
import type { Actor } from "../api/src/access/policy.ts";
import { hashPassword } from "../api/src/users/passwords.ts";
import { categoriesService } from "../api/src/categories/service.ts";
import { conversationsService } from "../api/src/conversations/service.ts";
import { messagesService } from "../api/src/messages/service.ts";
import { inProcessBus } from "../api/src/events/bus.ts";
import { ratingsService } from "../api/src/ratings/service.ts";
import { templatesService } from "../api/src/templates/service.ts";
import type { PrismaClient } from "../api/src/generated/prisma/client.ts";
import type { AttachmentFiles } from "../api/src/attachments/service.ts";
import { demoInvoice, demoScreenshot } from "./demoFiles.ts";
import { markAllNotified } from "../api/src/notifications/service.ts";

export const DEMO_PASSWORD = "demo1234";
export const DEMO_CATEGORIES = [
  ["Facturation", "Factures, paiements, remboursements"],
  ["Compte et accès", "Connexion, mot de passe, informations du compte"],
  ["Technique", "Bugs, application, site"],
  ["Autre", ""],
] as const;
export const DEMO_ACCOUNTS = [
  { email: "admin@demo.local", name: "Alice Martin", role: "ADMIN" },
  { email: "pro1@demo.local", name: "Paul Durand", role: "PROFESSIONAL" },
  { email: "pro2@demo.local", name: "Sophie Bernard", role: "PROFESSIONAL" },
] as const;

const MINUTE = 60_000;

/**
 * Demo accounts and a few conversations, written through the same service as the API
 * so that counters and previews are exactly what real use would produce. They happen over the last two days (the
 * services' clock set at each step), so that the dashboard's response times and the backlog's ages mean something.
 */
export async function seedDemo(prisma: PrismaClient, files: AttachmentFiles): Promise<void> {
  const now = Date.now();
  let at = now;
  const clock = () => new Date(at);
  /** The demo's clock `minutes` before the seeding, or `minutes` after the previous step with `later`. */
  const ago = (minutes: number) => void (at = now - minutes * MINUTE);
  const later = (minutes: number) => void (at += minutes * MINUTE);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [admin, pro1, pro2] = await Promise.all(
    DEMO_ACCOUNTS.map((account) =>
      prisma.user.upsert({ where: { email: account.email }, update: {}, create: { ...account, passwordHash } }),
    ),
  );
  const as = (user: typeof admin): Actor => ({ id: user.id, role: user.role, name: user.name, email: user.email });
  const conversations = conversationsService(prisma, inProcessBus(), files.links, { clock });
  const messages = messagesService({ prisma, conversations, files, clock });
  const categories = categoriesService(prisma);
  const demoCategories = [];
  for (const [name, description] of DEMO_CATEGORIES) demoCategories.push(await categories.create({ name, description }));
  const [billingCategory, accountCategory, technicalCategory] = demoCategories;

  ago(50 * 60);
  const invoice = await messages.create(as(pro1), {
    categoryId: billingCategory.id,
    subject: "Facture de septembre introuvable",
    content: "Bonjour, je ne trouve pas ma facture de septembre dans mon espace. Pouvez-vous me la renvoyer ?",
  });
  later(38);
  await messages.markRead(as(admin), invoice.id);
  later(4);
  // Attachments: the admin sends the invoice back as a PDF; a pro pastes a screenshot (below).
  await messages.post(as(admin), invoice.id, { content: "Bonjour Paul, je viens de la régénérer : la voici, et elle est aussi dans Documents > Factures." }, [await demoInvoice()]);

  ago(30 * 60);
  const profile = await messages.create(as(pro1), {
    categoryId: accountCategory.id,
    subject: "Modifier mes horaires d'ouverture",
    content: "Comment puis-je changer mes horaires affichés sur ma fiche ?",
  });
  later(125);
  await messages.markRead(as(admin), profile.id);
  later(6);
  await messages.post(as(admin), profile.id, { content: "Depuis Profil > Horaires ; les changements sont visibles sous une heure." });
  later(47);
  await messages.markRead(as(pro1), profile.id);
  later(3);
  await messages.post(as(pro1), profile.id, { content: "C'est fait, merci beaucoup !" });
  later(21);
  await messages.markRead(as(admin), profile.id);
  await conversations.setStatus(as(admin), profile.id, "closed");
  later(90);
  // A rated ticket: the console shows it on the ticket, in the list's Satisfaction column and on the dashboard.
  await ratingsService(prisma, clock).rate(as(pro1), profile.id, { score: 5, comment: "Réponse rapide et claire, merci !" });

  ago(5 * 60 + 20);
  const payment = await messages.create(as(pro2), {
    categoryId: billingCategory.id,
    subject: "Paiement refusé lors du renouvellement",
    content: "Mon paiement par carte a été refusé ce matin alors que ma carte est valide. Que faire ?",
  });
  later(12);
  await conversations.update(as(admin), payment.id, { priority: "urgent" });
  later(3);
  await messages.post(as(admin), payment.id, {
    content: "La banque de Sophie a signalé un incident cette semaine : vérifier avant de répondre.",
    internal: true,
  });

  ago(47);
  await messages.create(as(pro2), {
    categoryId: technicalCategory.id,
    subject: "L'application ne se met pas à jour",
    content: "Depuis hier, l'application me demande une mise à jour qui échoue à chaque fois. Voici le message affiché :",
  }, [await demoScreenshot()]);

  // Réponses types: the reply form offers them (billing ones first on billing tickets), or type /facture.
  const templates = templatesService(prisma);
  await templates.create({
    name: "Facture renvoyée",
    shortcut: "facture",
    categoryId: billingCategory.id,
    content: "Bonjour {{pro.firstName}},\n\nVotre facture est de nouveau disponible dans Documents > Factures. N'hésitez pas à revenir vers nous si besoin.\n\n{{admin.firstName}}",
  });
  await templates.create({
    name: "Paiement refusé : vérifications",
    shortcut: "paiement",
    categoryId: billingCategory.id,
    content: "Bonjour {{pro.firstName}},\n\nUn paiement refusé vient le plus souvent de la banque (plafond, paiement à distance désactivé). Pouvez-vous vérifier auprès d'elle, puis réessayer depuis Abonnement > Paiement ?\n\n{{admin.firstName}}",
  });
  await templates.create({
    name: "Mot de passe oublié",
    shortcut: "mdp",
    categoryId: accountCategory.id,
    content: "Bonjour {{pro.firstName}},\n\nCliquez sur « Mot de passe oublié » sur la page de connexion : un lien vous sera envoyé à {{pro.email}}.\n\n{{admin.firstName}}",
  });
  await templates.create({
    name: "Demande bien reçue",
    shortcut: "recu",
    content: "Bonjour {{pro.firstName}},\n\nNous avons bien reçu votre demande « {{conversation.subject}} » (ticket n° {{conversation.id}}) et revenons vers vous rapidement.\n\n{{admin.name}}",
  });

  ago(20);
  await messages.create(as(admin), {
    professionalId: pro2.id,
    subject: "Documents à compléter",
    content: "Bonjour Sophie, il manque votre attestation d'assurance pour finaliser votre dossier. Pouvez-vous l'envoyer ?",
  });
  // The demo's history is not news: nobody gets an email about it. The console's "E-mails envoyés" shows what the
  // invoice's reply and the profile's answer would have given: one email sent, one skipped (read within the delay).
  await markAllNotified(prisma);
  const replies = await prisma.message.findMany({ where: { conversationId: { in: [invoice.id, profile.id] }, senderType: "ADMIN", internal: false }, orderBy: { id: "asc" } });
  const [invoiceReply, profileReply] = [replies.find((m) => m.conversationId === invoice.id)!, replies.find((m) => m.conversationId === profile.id)!];
  await prisma.notification.createMany({
    data: [
      { recipientId: pro1.id, conversationId: invoice.id, kind: "reply", status: "sent", attempts: 1, messageIds: [invoiceReply.id], sentAt: new Date() },
      { recipientId: pro1.id, conversationId: profile.id, kind: "reply", status: "skipped", detail: "read before the delay", messageIds: [] , createdAt: profileReply.createdAt },
    ],
  });
}

/** `npm run db:seed`: seeds the database the environment names (DATABASE_URL or DATA_DIR). */
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { loadSettings } = await import("../api/src/settings.ts");
  const { openDatabase } = await import("../api/src/db/database.ts");
  const { attachmentsFor } = await import("../api/src/attachments/service.ts");
  const settings = loadSettings();
  const database = await openDatabase(settings);
  await seedDemo(database.prisma, attachmentsFor(database.prisma, settings));
  console.log("Demo data written.");
  await database.close();
  process.exit(0);
}
