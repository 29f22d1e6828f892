import { createTheme, type ThemeOptions } from "@mui/material/styles";

/**
 * react-admin's default theme (ra-ui-materialui defaultTheme.ts), so the portal looks like the admin console.
 * One deliberate difference: the app bar uses the primary blue, whose contrast with white text passes WCAG AA
 * (react-admin's secondary #2196f3 does not, for 20 px text).
 */
const options: ThemeOptions = {
  typography: { h6: { fontWeight: 400 } },
  components: {
    MuiTextField: { defaultProps: { variant: "filled", margin: "dense", size: "small", fullWidth: true } },
    MuiFormControl: { defaultProps: { variant: "filled", margin: "dense", size: "small", fullWidth: true } },
    MuiFilledInput: {
      styleOverrides: {
        root: ({ theme }) => ({ backgroundColor: "rgba(0, 0, 0, 0.04)", ...theme.applyStyles("dark", { backgroundColor: "rgba(255, 255, 255, 0.06)" }) }),
      },
    },
  },
};
const secondary = { light: "#6ec6ff", main: "#2196f3", dark: "#0069c0", contrastText: "#fff" };
/** MUI's blue 800: 4.5:1 and more as text on the light greys of filled fields and selected buttons (#1976d2 gave 4.0). */
const primary = { main: "#1565c0" };

/** The portal's own pages: light or dark as the system says (prefers-color-scheme). */
export const theme = createTheme({
  ...options,
  // CSS variables switched by the prefers-color-scheme media query: no script, no flash of the wrong colours.
  cssVariables: { colorSchemeSelector: "media" },
  colorSchemes: {
    light: { palette: { background: { default: "#fafafb" }, primary, secondary } },
    dark: { palette: { secondary } },
  },
});

/** Always light: for a host platform whose page is light whatever the system says (MessagingProviders' `theme`). */
export const lightTheme = createTheme({ ...options, palette: { background: { default: "#fafafb" }, primary, secondary } });
