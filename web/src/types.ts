export interface Option {
  code: string;
  labels: { en: string; "pt-BR": string };
}

export interface Me {
  role: "admin" | "agent" | "supplier";
  name: string;
  orgAdmin: boolean;
  csrf: string;
  defaultLang: "pt-BR" | "en";
  timeZone: string;
  departments: Option[];
  types: Option[];
  priorities: string[];
  publicStatuses: string[];
  statuses: string[];
  attachments: { maxFiles: number; maxBytes: number; types: string[] };
}

export interface SlaClock {
  state: "running" | "paused" | "stopped";
  breached: boolean;
  elapsedMs: number;
  targetMs: number;
  dueAt: string | null;
}

export interface TicketRow {
  publicId: string;
  number: number;
  subject: string;
  status: string;
  publicStatus: string;
  priority: string;
  department: string;
  type: string;
  channel: string;
  organizationName: string;
  requester: { displayName: string; channel: string };
  assignee: { id: string; name: string } | null;
  createdAt: string;
  updatedAt: string;
  lastReply: { at: string; by: string; name: string } | null;
  sla: { firstResponse: SlaClock; resolution: SlaClock };
}

export interface TicketEvent {
  id: string;
  kind: string;
  actor: { kind: string; name: string };
  body: string | null;
  from: string | null;
  to: string | null;
  createdAt: string;
  attachments: { id: string; fileName: string; contentType: string; size: number }[];
}

export interface TicketDetail {
  /** contactRequestedAt: staff only (absent for suppliers). */
  ticket: TicketRow & { contactRequestedAt?: string | null };
  events: TicketEvent[];
  timeInStatus: Record<string, number>;
  readBySupport: boolean;
  readAt: string | null;
  readBy: { id: string; name: string } | null;
}
