import { useInput } from "react-admin";
import { fileProblems, formatSize } from "@messagerie/client/attachments";
import { FilePicker, type FileDraft } from "@messagerie/client/ui/Attachments";
import { useAttachmentLimits, useAttachmentTexts } from "./useAttachments";

/**
 * The files of a react-admin form (`source`, a File[]): the same picker as the reply form's, its problems refusing
 * the submission (the form shows the first under the picker).
 */
export const FilesInput = ({ source = "files" }: { source?: string }) => {
  const limits = useAttachmentLimits();
  const texts = useAttachmentTexts();
  const { field, formState } = useInput<File[]>({
    source,
    defaultValue: [],
    validate: (files: File[] | undefined) => {
      const [problem] = fileProblems(files ?? [], limits);
      return problem && { message: `app.attachments.${problem.kind}`, args: { name: problem.name, limit: formatSize(limits.maxBytes, texts.locale), max: limits.maxFiles } };
    },
  });
  const files: File[] = Array.isArray(field.value) ? field.value : [];
  const draft: FileDraft = {
    files,
    // Shown as they come, as in the reply form.
    problems: fileProblems(files, limits),
    add: (added) => field.onChange([...files, ...added]),
    remove: (index) => field.onChange(files.filter((_, i) => i !== index)),
    clear: () => field.onChange([]),
  };
  return <FilePicker draft={draft} limits={limits} texts={texts} disabled={formState.isSubmitting} />;
};
