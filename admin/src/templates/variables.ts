/** The variables the API fills (api/src/templates/render.ts), offered in the template form. */
export const TEMPLATE_VARIABLES = [
  "pro.name",
  "pro.firstName",
  "pro.email",
  "admin.name",
  "admin.firstName",
  "conversation.id",
  "conversation.subject",
  "category.name",
] as const;
