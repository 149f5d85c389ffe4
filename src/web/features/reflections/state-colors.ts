/** Tag colours of a reflection's review state. */
export const STATE_COLORS: Record<'draft' | 'submitted' | 'returned' | 'accepted', string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  accepted: 'success',
};
