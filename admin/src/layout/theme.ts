import { defaultTheme, type RaThemeOptions } from "react-admin";

export const lightTheme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { main: "#2e5bff" },
    secondary: { main: "#5b6b7f" },
    background: { default: "#f5f6fa" },
  },
  shape: { borderRadius: 10 },
};
