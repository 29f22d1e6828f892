import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useDataProvider, useLocaleState, useTranslate } from "react-admin";
import { DEFAULT_LIMITS, formatSize } from "@messagerie/client/attachments";
import type { AttachmentTexts } from "@messagerie/client/ui/Attachments";
import type { AttachmentLimits } from "@messagerie/client/types";
import type { AppDataProvider } from "../dataProvider";

/** The API's limits on a message's files, read once per session (its defaults until then). */
export function useAttachmentLimits(): AttachmentLimits {
  const dataProvider = useDataProvider<AppDataProvider>();
  const { data } = useQuery({
    queryKey: ["attachments", "limits"],
    queryFn: () => dataProvider.getAttachmentLimits("attachments"),
    staleTime: Infinity,
  });
  return data ?? DEFAULT_LIMITS;
}

/** What the attachment components say, in the console's language. */
export function useAttachmentTexts(): AttachmentTexts {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return useMemo(
    () => ({
      locale,
      attach: translate("app.attachments.attach"),
      remove: (name: string) => translate("app.attachments.remove", { name }),
      open: (name: string) => translate("app.attachments.open", { name }),
      download: translate("app.attachments.download"),
      close: translate("app.attachments.close"),
      dropHere: translate("app.attachments.drop_here"),
      uploading: translate("app.attachments.uploading"),
      problem: ({ kind, name }, limits) =>
        translate(`app.attachments.${kind}`, { name, limit: formatSize(limits.maxBytes, locale), max: limits.maxFiles }),
    }),
    [translate, locale],
  );
}
