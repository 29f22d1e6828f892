import { useEffect, useMemo, useState } from "react";
import { DEFAULT_LIMITS, formatSize } from "@messagerie/client/attachments";
import type { AttachmentTexts } from "@messagerie/client/ui/Attachments";
import type { AttachmentLimits } from "@messagerie/client/types";
import { useApiIfAny } from "../api/ApiContext.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";

/** The API's limits on a message's files, asked once per client (its defaults until then, or if it cannot say). */
const asked = new WeakMap<object, Promise<AttachmentLimits>>();

export function useAttachmentLimits(): AttachmentLimits {
  const client = useApiIfAny();
  const [limits, setLimits] = useState(DEFAULT_LIMITS);
  useEffect(() => {
    if (!client) return;
    let current = true;
    if (!asked.has(client)) asked.set(client, client.attachmentLimits().catch(() => DEFAULT_LIMITS));
    void asked.get(client)!.then((answer) => current && setLimits(answer));
    return () => {
      current = false;
    };
  }, [client]);
  return limits;
}

/** What the attachment components say, in the portal's language. */
export function useAttachmentTexts(): AttachmentTexts {
  const { t, locale } = useI18n();
  return useMemo(
    () => ({
      locale,
      attach: t.attachments.attach,
      remove: t.attachments.remove,
      open: t.attachments.open,
      download: t.attachments.download,
      close: t.attachments.close,
      dropHere: t.attachments.dropHere,
      uploading: t.attachments.uploading,
      problem: ({ kind, name }, limits) =>
        kind === "too_large" ? t.attachments.tooLarge(name, formatSize(limits.maxBytes, locale)) : kind === "type" ? t.attachments.type(name) : t.attachments.tooMany(limits.maxFiles),
    }),
    [t, locale],
  );
}
