import { Prisma } from "./client.js";

interface RawQueryMeta {
  readonly driverAdapterError?: {
    readonly cause?: { readonly kind?: string; readonly originalCode?: string };
  };
}

/** A unique constraint refused the write, from a model query (P2002) or a raw one (P2010 from the driver). */
export const isUniqueViolation = (error: unknown): boolean => {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  const cause = (error.meta as RawQueryMeta | undefined)?.driverAdapterError?.cause;
  return (
    error.code === "P2010" && (cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505")
  );
};
