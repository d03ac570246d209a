import { shanghaiTimeText } from '../shanghai-time';

/** The languages the ledger speaks: Chinese, and English for everyone else. */
export type Language = 'zh' | 'en';
export const languages: readonly Language[] = ['zh', 'en'];

/** What a message may be filled with: text, numbers, lists — never a class instance. */
export type ParamValue = string | number | boolean | null | undefined | readonly string[];

/** One message in both languages, side by side so neither can be forgotten. */
export interface Entry<P> {
  en: (p: P) => string;
  zh: (p: P) => string;
}

export const entry = <P = Record<never, never>>(
  en: (p: P) => string,
  zh: (p: P) => string,
): Entry<P> => ({ en, zh });

/** Every time inside a message: Beijing time with its offset (`2026-11-20 08:30 +08:00`). */
export const time = (instant: string | null | undefined): string =>
  instant ? shanghaiTimeText(instant) : '—';

export const listEn = (items: readonly string[] | undefined): string => (items ?? []).join(', ');
export const listZh = (items: readonly string[] | undefined): string => (items ?? []).join('、');

const titleLevelZh: Record<string, string> = {
  junior: '初级职称',
  intermediate: '中级职称',
  senior: '高级职称',
  none: '无职称',
};
export const titleZh = (level: string): string => titleLevelZh[level] ?? level;

const exemptionBasisZh: Record<string, string> = {
  'residency-training': '住院医师规范化培训',
  'specialist-training': '专科医师规范化培训',
  'assistant-gp-training': '助理全科医生培训',
  'advanced-study-6-months': '进修半年以上',
  'science-award-leader': '科技奖励主要完成人',
  'covid-19-frontline': '新冠肺炎疫情防控一线',
};
export const basisZh = (basis: string): string =>
  exemptionBasisZh[basis] ? `${exemptionBasisZh[basis]}（${basis}）` : basis;

const categoryZh: Record<string, string> = { I: 'Ⅰ类', II: 'Ⅱ类' };
export const categoryNameZh = (category: string): string => categoryZh[category] ?? category;
