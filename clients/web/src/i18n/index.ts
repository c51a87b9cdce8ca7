import { en, type Messages } from './messages';

/** The texts in use. A translation: a file like messages.ts typed Messages, picked here by navigator.language. */
export const t: Messages = en;
