import FilledInput from "@mui/material/FilledInput";
import FormControl from "@mui/material/FormControl";
import InputLabel from "@mui/material/InputLabel";
import { useId, type InputHTMLAttributes } from "react";

type LoginFieldProps = {
  label: string;
  type: "email" | "password";
  value: string;
  onChange: (value: string) => void;
  autoComplete: InputHTMLAttributes<HTMLInputElement>["autoComplete"];
  autoFocus?: boolean;
};

/**
 * A filled field as the portal's TextFields look, built from its parts: TextField brings Select (and with it Menu,
 * Popover, Modal and the two other input variants) into the login page, the only screen of the first load.
 */
export function LoginField({ label, type, value, onChange, autoComplete, autoFocus }: LoginFieldProps) {
  const id = useId();
  return (
    <FormControl variant="filled" required>
      <InputLabel htmlFor={id}>{label}</InputLabel>
      <FilledInput
        id={id}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoComplete={autoComplete}
        autoFocus={autoFocus}
      />
    </FormControl>
  );
}
