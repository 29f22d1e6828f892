import FormControl from "@mui/material/FormControl";
import FormHelperText from "@mui/material/FormHelperText";
import type { InputBaseProps } from "@mui/material/InputBase";
import InputLabel from "@mui/material/InputLabel";
import { useId, type ComponentType } from "react";

type SignInFieldProps = {
  /** The input of the app's look: MUI's FilledInput (portal) or OutlinedInput (console), passed in so that a first
   * load carries only the one it uses. */
  Input: ComponentType<InputBaseProps & { label?: string }>;
  variant: "filled" | "outlined";
  label: string;
  type: "email" | "password";
  value: string;
  onChange: (value: string) => void;
  autoComplete: string;
  autoFocus?: boolean;
  /** What is wrong with the value, said under it (and the field marked invalid). */
  problem?: string | null;
};

/**
 * A required field of a sign-in form, built from TextField's parts: TextField brings Select, and with it Menu,
 * Popover, Modal and the other input variants, into the sign-in page — the whole first load of both apps.
 */
export function SignInField({ Input, variant, label, type, value, onChange, autoComplete, autoFocus, problem = null }: SignInFieldProps) {
  const id = useId();
  return (
    <FormControl variant={variant} size="small" margin="dense" fullWidth required error={problem !== null}>
      <InputLabel htmlFor={id}>{label}</InputLabel>
      <Input
        id={id}
        type={type}
        // The outlined border leaves room for its label (with the required mark).
        label={variant === "outlined" ? `${label} *` : undefined}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        inputProps={{ autoComplete, "aria-describedby": problem ? `${id}-problem` : undefined }}
        autoFocus={autoFocus}
      />
      {problem && <FormHelperText id={`${id}-problem`}>{problem}</FormHelperText>}
    </FormControl>
  );
}
