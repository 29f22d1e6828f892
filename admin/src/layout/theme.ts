// react-admin's Radiant theme: outlined inputs, no uppercase buttons, generous spacing; its dark twin adds
// the app bar's light/dark switch.
export { radiantDarkTheme as darkTheme, radiantLightTheme as lightTheme } from "react-admin";
