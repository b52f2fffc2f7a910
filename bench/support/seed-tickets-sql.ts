/**
 * One set-based INSERT of tickets [$1, $2] and their opening messages. Every random choice is a hash of
 * the ticket number, so a number always gets the same ticket whatever the chunking or the lane.
 *
 * Parameters: $1 first number, $2 last number, $3 words, $4 the same words folded, $5 pick table
 * (0-based word indices), $6 person ids, $7 their organizations, $8 their contacts, $9 the contacts'
 * channels, $10 their names, $11 the start of the history, $12 its end ("now").
 */

/** A uniform [0, 1) draw from (expression, salt): 53 bits of PostgreSQL's 64-bit hash. */
const u = (expression: string, salt: number) =>
  `((hashint8extended((${expression})::bigint, ${salt}) & 9007199254740991)::float8 / 9007199254740992.0)`;

/** `count` words drawn for ticket `t.n`, as the text shown and as the text folded for the search vector. */
const words = (count: string, salt: number, pickSize: number) => `
  CROSS JOIN LATERAL (
    SELECT string_agg(($3::text[])[w.i], ' ' ORDER BY w.j) AS raw,
           string_agg(($4::text[])[w.i], ' ' ORDER BY w.j) AS folded
    FROM (SELECT j, 1 + ($5::int[])[1 + floor(${u("t.n * 64 + j", salt)} * ${pickSize})::int] AS i
          FROM generate_series(1, ${count}) AS j) AS w
  )`;

export interface TicketChunkShape {
  /** Tickets in the whole seed: creation times spread over the history by number / total. */
  readonly total: number;
  readonly people: number;
  readonly pickSize: number;
  readonly historySeconds: number;
}

export const ticketChunkSql = (shape: TicketChunkShape): string => `
WITH base AS (
  SELECT g.n, gen_random_uuid() AS id,
    -- Some requesters write far more than others; an organization's share follows its people's.
    1 + floor(${shape.people} * power(${u("g.n", 1)}, 1.5))::int AS p,
    ${u("g.n", 2)} AS us, ${u("g.n", 3)} AS up, ${u("g.n", 4)} AS ud, ${u("g.n", 5)} AS ut,
    ${u("g.n", 6)} AS ua, ${u("g.n", 7)} AS ur, ${u("g.n", 11)} AS urate,
    3 + floor(${u("g.n", 8)} * 4)::int AS ks,
    10 + floor(${u("g.n", 9)} * 16)::int AS kb,
    100000 + floor(${u("g.n", 10)} * 900000)::int AS ordno,
    -- Numbers follow time, and the desk grows: more tickets per day lately than two years ago.
    $11::timestamptz + make_interval(secs => ${shape.historySeconds} * sqrt(g.n::float8 / ${shape.total})) AS created
  FROM generate_series($1::int, $2::int) AS g(n)
), shaped AS (
  SELECT b.*, $12::timestamptz - b.created AS age,
    CASE
      WHEN $12::timestamptz - b.created > interval '30 days' THEN
        CASE WHEN b.us < 0.92 THEN 'SOLVED' WHEN b.us < 0.98 THEN 'ABANDONED'
             WHEN b.us < 0.99 THEN 'WAITING_ON_REQUESTER' WHEN b.us < 0.995 THEN 'IN_PROGRESS'
             WHEN b.us < 0.998 THEN 'ESCALATED' ELSE 'NEW' END
      WHEN $12::timestamptz - b.created > interval '2 days' THEN
        CASE WHEN b.us < 0.05 THEN 'NEW' WHEN b.us < 0.20 THEN 'IN_PROGRESS' WHEN b.us < 0.25 THEN 'ESCALATED'
             WHEN b.us < 0.45 THEN 'WAITING_ON_REQUESTER' WHEN b.us < 0.95 THEN 'SOLVED' ELSE 'ABANDONED' END
      ELSE
        CASE WHEN b.us < 0.40 THEN 'NEW' WHEN b.us < 0.65 THEN 'IN_PROGRESS' WHEN b.us < 0.70 THEN 'ESCALATED'
             WHEN b.us < 0.90 THEN 'WAITING_ON_REQUESTER' ELSE 'SOLVED' END
    END AS status
  FROM base b
), timed AS (
  SELECT s.*,
    least($12::timestamptz, s.created + CASE WHEN s.status IN ('SOLVED', 'ABANDONED')
      THEN make_interval(secs => s.ur * 259200) ELSE s.age * s.ur END) AS touched
  FROM shaped s
), texts AS (
  SELECT t.*, upper(left(sw.raw, 1)) || substr(sw.raw, 2) AS subject, sw.folded AS subject_folded,
    bw.raw || ' (pedido ' || t.ordno || ').' AS body, bw.folded || ' (pedido ' || t.ordno || ').' AS body_folded,
    t.created + (t.touched - t.created) * 0.25 AS responded,
    'U0AGENT' || lpad((1 + floor(t.ua * 12))::text, 2, '0') AS agent_id
  FROM timed t ${words("t.ks", 20, shape.pickSize)} AS sw ${words("t.kb", 21, shape.pickSize)} AS bw
), tickets AS (
  INSERT INTO ticket (id, number, subject, department, priority, type, status, channel,
    requester_contact_id, requester_person_id, organization_id, assignee_id, assignee_name,
    created_at, updated_at, status_changed_at, last_reply_at, last_reply_by, last_reply_name,
    first_response_at, closed_at, requester_last_msg_at, agent_read_at, rating, version, search_vector)
  SELECT x.id, x.n, x.subject,
    CASE WHEN x.ud < 0.55 THEN 'technical' WHEN x.ud < 0.75 THEN 'sales' ELSE 'general' END,
    (CASE WHEN x.up < 0.30 THEN 'LOW' WHEN x.up < 0.85 THEN 'MEDIUM' ELSE 'HIGH' END)::"Priority",
    CASE WHEN x.ut < 0.5 THEN 'support' WHEN x.ut < 0.7 THEN 'incident' WHEN x.ut < 0.9 THEN 'bug' ELSE 'improvement' END,
    x.status::"TicketStatus", ($9::text[])[x.p]::"Channel",
    ($8::uuid[])[x.p], ($6::uuid[])[x.p], ($7::uuid[])[x.p],
    CASE WHEN x.status <> 'NEW' THEN x.agent_id END,
    CASE WHEN x.status <> 'NEW' THEN 'Agente ' || right(x.agent_id, 2) END,
    x.created, x.touched, x.touched,
    CASE WHEN x.status <> 'NEW' THEN x.touched END,
    CASE WHEN x.status <> 'NEW' THEN 'AGENT'::"ActorKind" END,
    CASE WHEN x.status <> 'NEW' THEN 'Agente ' || right(x.agent_id, 2) END,
    CASE WHEN x.status <> 'NEW' THEN x.responded END,
    CASE WHEN x.status IN ('SOLVED', 'ABANDONED') THEN x.touched END,
    x.created,
    CASE WHEN x.status <> 'NEW' THEN x.responded END,
    CASE WHEN x.status = 'SOLVED' AND x.urate < 0.3 THEN 1 + floor(x.urate / 0.3 * 5)::int END,
    CASE WHEN x.status = 'NEW' THEN 0 ELSE 2 END,
    to_tsvector('portuguese', x.subject_folded || ' ' || x.body_folded)
      || to_tsvector('english', x.subject_folded || ' ' || x.body_folded)
  FROM texts x
)
INSERT INTO ticket_event (ticket_id, kind, actor_kind, actor_id, actor_name, body, created_at)
SELECT x.id, 'MESSAGE', 'REQUESTER', (($8::uuid[])[x.p])::text, ($10::text[])[x.p], x.body, x.created
FROM texts x`;
