import { z } from 'zod';

/** A UUID path parameter. */
export const IdParams = z.object({ id: z.uuid() });

/** `YYYY-MM-DD`, checked to be a real calendar date. */
export const IsoDate = z.iso.date();

/** A trimmed non-empty string with a maximum length. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** An optional trimmed string: empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** Page parameters of every list. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** The answer of every paged list. */
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

/** `{ ok: true }` for writes that return nothing else. */
export const Ok = z.object({ ok: z.literal(true) });

/** The one error shape (documented for clients; the error handler produces it). */
export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }),
});
