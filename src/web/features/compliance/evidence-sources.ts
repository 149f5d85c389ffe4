/**
 * What fulfilled an obligation, by the evidence's source type: its label and, where the
 * capability has a page for the record, where that page is. Each capability that attaches
 * evidence through the engine's evidence interface names itself here.
 */
type Label = { zh: string; en: string };

export type EvidenceSource = { label: Label; link?: (sourceId: string) => string };

export const EVIDENCE_SOURCES: Record<string, EvidenceSource> = {
  manual: { label: { zh: '人力资源部登记', en: 'Recorded by HR' } },
  reflection: {
    label: { zh: '心得体会', en: 'Reflection' },
    link: (reflectionId) => `/reflections/${reflectionId}`,
  },
};

/** The label of a source type in the UI language (an unknown type shows as itself). */
export function evidenceSourceLabel(sourceType: string, lang: string): string {
  const source = EVIDENCE_SOURCES[sourceType];
  if (!source) return sourceType;
  return lang.startsWith('en') ? source.label.en : source.label.zh;
}

/** The page of the record behind a piece of evidence, when its capability has one. */
export function evidenceSourceLink(sourceType: string, sourceId: string | null): string | null {
  const link = EVIDENCE_SOURCES[sourceType]?.link;
  return link && sourceId ? link(sourceId) : null;
}
