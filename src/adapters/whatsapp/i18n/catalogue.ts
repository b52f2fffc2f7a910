/** Sentences only the WhatsApp channel needs, per language (the dialogue itself lives in the conversation catalogue). */
export interface WhatsAppCatalogue {
  /** The button that opens an interactive list; WhatsApp allows at most 20 characters. */
  readonly listButton: string;
  /** A file the person sent could not be fetched from WhatsApp in time. */
  readonly mediaUnavailable: (fileName: string) => string;
  /** Locations, contacts, polls and the like: nothing the desk can use. */
  readonly unsupportedMessage: string;
}
