import type { User } from "@messagerie/client/types";

/** Every user created from the console is a professional; admins are made elsewhere. */
export const PROFESSIONALS_FILTER = { role: "PROFESSIONAL" } as const;
export const ACTIVE_PROFESSIONALS_FILTER = { role: "PROFESSIONAL", active: true } as const;

export const MIN_PASSWORD_LENGTH = 8;

export interface UserCreateValues {
  email: string;
  name: string;
  password: string;
}

export const toUserCreate = ({ email, name, password }: UserCreateValues) => ({
  email: email.trim(),
  name: name.trim(),
  password,
  role: "PROFESSIONAL" as const,
});

/** The API takes a partial `{name?, active?}`: send only what the form may change. */
export const toUserUpdate = ({ name, active }: Pick<User, "name" | "active">) => ({
  name: name.trim(),
  active,
});
