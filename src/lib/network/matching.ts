// Matching an establishment that needs people with a college that produces them, by a score staff can read:
// nearness (same province, then same region), how many graduates the college expects, and ties that already exist.
import type { Region } from './terms.ts';

export interface NeedingEstablishment {
  id: number;
  nameTh: string;
  provinceCode: string;
  region: Region;
  /** Positions wanted this year less training places its partner colleges already offer. */
  unmet: number;
  /** Colleges it already has an agreement with (any field, any status). */
  tiedColleges: readonly number[];
}

export interface SupplyingCollege {
  id: number;
  nameTh: string;
  provinceCode: string;
  region: Region;
  graduates: number;
  /** Partner agreements it has in this field: experience with dual training. */
  partnerships: number;
}

export interface MatchScore {
  proximity: number;
  supply: number;
  ties: number;
  total: number;
}

export const scoreWeights = { sameProvince: 40, sameRegion: 20, maxSupply: 30, graduatesPerPoint: 5, experienced: 10, alreadyTied: 15 } as const;

export function matchScore(establishment: NeedingEstablishment, college: SupplyingCollege): MatchScore {
  const proximity =
    establishment.provinceCode === college.provinceCode ? scoreWeights.sameProvince : establishment.region === college.region ? scoreWeights.sameRegion : 0;
  const supply = Math.min(scoreWeights.maxSupply, Math.floor(college.graduates / scoreWeights.graduatesPerPoint));
  const ties = (college.partnerships > 0 ? scoreWeights.experienced : 0) + (establishment.tiedColleges.includes(college.id) ? scoreWeights.alreadyTied : 0);
  return { proximity, supply, ties, total: proximity + supply + ties };
}

export interface Match {
  establishment: NeedingEstablishment;
  candidates: { college: SupplyingCollege; score: MatchScore }[];
}

/** Each establishment with its best `perEstablishment` colleges (highest score, then more graduates, then name). */
export function rankMatches(establishments: readonly NeedingEstablishment[], colleges: readonly SupplyingCollege[], perEstablishment = 3): Match[] {
  return establishments.map((establishment) => ({
    establishment,
    candidates: colleges
      .map((college) => ({ college, score: matchScore(establishment, college) }))
      .sort((a, b) => b.score.total - a.score.total || b.college.graduates - a.college.graduates || a.college.nameTh.localeCompare(b.college.nameTh, 'th'))
      .slice(0, perEstablishment),
  }));
}
