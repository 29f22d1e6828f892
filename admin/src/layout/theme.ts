import { createTheme, type PaletteOptions, type Theme } from "@mui/material/styles";
import { radiantDarkTheme, radiantLightTheme } from "react-admin";

/**
 * react-admin's Radiant theme (outlined inputs, no uppercase buttons, generous spacing) with colours that read: its
 * purple #9055fd gave 3.8:1 on the page's grey and with white text, its grey secondary text 3.2:1, its pink error chip
 * 3.9:1 (WCAG AA asks 4.5:1; the browser tests run axe-core on every screen). Radiant's component overrides are kept;
 * those that baked its purple in (the active menu entry, the table's headers) are given the new one.
 */
function withPalette(radiant: Theme, palette: PaletteOptions) {
  const { mode, background, secondary, warning, info, success, error } = radiant.palette;
  const base: PaletteOptions = { mode, background, secondary: { main: secondary.main }, warning: { main: warning.main }, info: { main: info.main }, success: { main: success.main }, error: { main: error.main } };
  const theme = createTheme({ palette: { ...base, ...palette }, shape: radiant.shape, spacing: 10, typography: radiant.typography, sidebar: { width: 250 } });
  const primary = theme.palette.primary;
  theme.components = {
    ...radiant.components,
    RaMenuItemLink: {
      styleOverrides: {
        root: {
          borderLeft: `3px solid ${theme.palette.primary.contrastText}`,
          "&:hover": { borderRadius: "0px 100px 100px 0px" },
          "&.RaMenuItemLink-active": {
            borderLeft: `3px solid ${primary.main}`,
            borderRadius: "0px 100px 100px 0px",
            backgroundImage: `linear-gradient(98deg, ${primary.main}, ${primary.dark} 94%)`,
            boxShadow: theme.shadows[1],
            color: primary.contrastText,
            "& .MuiSvgIcon-root": { fill: primary.contrastText },
          },
        },
      },
    },
    RaDatagrid: { styleOverrides: { root: { "& .RaDatagrid-headerCell": { color: primary.main } } } },
  };
  return theme;
}

export const lightTheme = withPalette(radiantLightTheme, {
  primary: { main: "#7443e0" },
  text: { primary: "#544f5a", secondary: "#6b6870" },
  error: { main: "#c0397a" },
  // Radiant's yellow darkened to 2.4:1 as text ("attend une réponse"): an amber that reads on the light greys.
  warning: { main: "#a85400", dark: "#8a4500" },
});

export const darkTheme = withPalette(radiantDarkTheme, {
  primary: { main: "#a37bff", contrastText: "#110e1c" },
  error: { main: "#f06ba3", contrastText: "#110e1c" },
});
