import { createTheme } from "@mui/material/styles";

/**
 * react-admin's default light theme (ra-ui-materialui defaultTheme.ts), so the portal looks like the admin console.
 * One deliberate difference: the app bar uses the primary blue, whose contrast with white text passes WCAG AA
 * (react-admin's secondary #2196f3 does not, for 20 px text).
 */
export const theme = createTheme({
  palette: {
    background: { default: "#fafafb" },
    secondary: { light: "#6ec6ff", main: "#2196f3", dark: "#0069c0", contrastText: "#fff" },
  },
  typography: { h6: { fontWeight: 400 } },
  components: {
    MuiTextField: { defaultProps: { variant: "filled", margin: "dense", size: "small", fullWidth: true } },
    MuiFormControl: { defaultProps: { variant: "filled", margin: "dense", size: "small", fullWidth: true } },
    MuiFilledInput: { styleOverrides: { root: { backgroundColor: "rgba(0, 0, 0, 0.04)" } } },
  },
});
