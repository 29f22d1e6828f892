import { adminOnlyTicketInputs, isAdmin, type Actor } from "../access/policy.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { badRequest } from "../http/errors.ts";

type TriageInput = { categoryId?: number | null; priority?: unknown; adminId?: number | null };

/**
 * Who may set a ticket's category, priority and assignee, and to what — one place for creating and changing a
 * conversation. Priority and assignment are admins' tools: a pro sending them gets 400, as for a note.
 */
export function triageRules(prisma: PrismaClient) {
  /** An active category; an archived one only where the ticket already has it (a full record sent back). */
  async function checkCategory(categoryId: number, currentId: number | null = null) {
    if (categoryId === currentId) return;
    const category = await prisma.category.findUnique({ where: { id: categoryId }, select: { active: true } });
    if (!category?.active) throw badRequest("No active category with this id", { categoryId: "No active category with this id" });
  }

  async function checkAdmin(adminId: number) {
    const admin = await prisma.user.findFirst({ where: { id: adminId, role: "ADMIN", active: true }, select: { id: true } });
    if (!admin) throw badRequest("No active admin with this id", { adminId: "No active admin with this id" });
  }

  return {
    async check(actor: Actor, input: TriageInput, current?: { categoryId: number | null }) {
      if (!isAdmin(actor)) {
        for (const field of adminOnlyTicketInputs) {
          if (input[field] !== undefined) throw badRequest(`${field} is for admins only`, { [field]: `${field} is for admins only` });
        }
      }
      if (input.categoryId != null) await checkCategory(input.categoryId, current?.categoryId);
      if (input.adminId != null) await checkAdmin(input.adminId);
    },

    /** Filters and sorts on what a pro does not see are refused, not ignored. */
    checkList(actor: Actor, filter: { priority?: unknown }, sortField: string) {
      if (isAdmin(actor)) return;
      if (filter.priority !== undefined) throw badRequest("priority is for admins only", { "filter.priority": "priority is for admins only" });
      if (sortField === "priority") throw badRequest("priority is for admins only", { sort: "priority is for admins only" });
    },
  };
}
