import { Dialog, DialogContent, DialogTitle, Table, TableBody, TableCell, TableRow } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import { useShortcuts } from "./shortcuts";

const SHORTCUTS = [
  ["j", "app.keyboard.next"],
  ["k", "app.keyboard.previous"],
  ["Entrée", "app.keyboard.open"],
  ["r", "app.keyboard.reply"],
  ["n", "app.keyboard.note"],
  ["Ctrl+Entrée", "app.keyboard.send"],
  ["?", "app.keyboard.help"],
] as const;

/** `?` anywhere (outside a field) lists the console's keyboard shortcuts. */
export const ShortcutsHelp = () => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  useShortcuts({ "?": () => setOpen(true) });
  return (
    <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="shortcuts-title">
      <DialogTitle id="shortcuts-title">{translate("app.keyboard.title")}</DialogTitle>
      <DialogContent>
        <Table size="small">
          <TableBody>
            {SHORTCUTS.map(([key, label]) => (
              <TableRow key={key}>
                <TableCell component="th" scope="row">
                  <kbd>{key}</kbd>
                </TableCell>
                <TableCell>{translate(label)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </DialogContent>
    </Dialog>
  );
};
