import { describe, expect, it } from 'vitest';
import { decodeResumptionToken, encodeResumptionToken, isOaiDay, parseOaiRequest, type ParsedOaiRequest } from '../../src/lib/metadata/oai-request.ts';

const parse = (query: string) => parseOaiRequest(new URLSearchParams(query));
const errorOf = (parsed: ParsedOaiRequest) => (parsed.ok ? undefined : parsed.error.code);

describe('OAI-PMH arguments', () => {
  it('accept each verb with its arguments and echo them', () => {
    expect(parse('verb=Identify')).toEqual({ ok: true, request: { verb: 'Identify' }, echo: { verb: 'Identify' } });
    expect(parse('verb=ListMetadataFormats&identifier=oai:x.th:ebooks/a')).toMatchObject({ ok: true, request: { identifier: 'oai:x.th:ebooks/a' } });
    expect(parse('verb=ListSets')).toMatchObject({ ok: true, request: { verb: 'ListSets' } });
    expect(parse('verb=GetRecord&identifier=oai:x.th:ebooks/a&metadataPrefix=oai_dc')).toMatchObject({
      ok: true,
      request: { verb: 'GetRecord', identifier: 'oai:x.th:ebooks/a', metadataPrefix: 'oai_dc' },
    });
    expect(parse('verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-01&until=2025-12-31&set=field:hotel-management')).toEqual({
      ok: true,
      request: { verb: 'ListRecords', offset: 0, list: { metadataPrefix: 'oai_dc', from: '2025-01-01', until: '2025-12-31', set: 'field:hotel-management' } },
      echo: { verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2025-01-01', until: '2025-12-31', set: 'field:hotel-management' },
    });
  });

  it('answer badVerb for a missing, unknown or repeated verb, echoing nothing', () => {
    for (const query of ['', 'metadataPrefix=oai_dc', 'verb=Harvest', 'verb=identify', 'verb=Identify&verb=Identify', 'verb=Identify&verb=ListSets']) {
      const parsed = parse(query);
      expect(errorOf(parsed), query).toBe('badVerb');
      expect(parsed.echo, query).toEqual({});
    }
  });

  it('answer badArgument for missing, illegal, repeated or empty arguments and bad dates, echoing nothing', () => {
    for (const query of [
      'verb=ListRecords',
      'verb=ListIdentifiers&set=type:ebooks',
      'verb=GetRecord&metadataPrefix=oai_dc',
      'verb=GetRecord&identifier=oai:x.th:ebooks/a',
      'verb=Identify&set=x',
      'verb=ListSets&metadataPrefix=oai_dc',
      'verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc',
      'verb=ListRecords&metadataPrefix=oai_dc&from=',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2025-13-01',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2025-02-30',
      'verb=ListRecords&metadataPrefix=oai_dc&until=2025',
      // Finer than the repository's day granularity.
      'verb=ListRecords&metadataPrefix=oai_dc&from=2025-01-01T00:00:00Z',
      'verb=ListRecords&metadataPrefix=oai_dc&from=2025-06-01&until=2025-01-01',
      'verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc',
    ]) {
      const parsed = parse(query);
      expect(errorOf(parsed), query).toBe('badArgument');
      expect(parsed.echo, query).toEqual({});
    }
  });

  it('answer cannotDisseminateFormat for a format other than oai_dc, echoing the arguments', () => {
    const parsed = parse('verb=ListRecords&metadataPrefix=marc21');
    expect(errorOf(parsed)).toBe('cannotDisseminateFormat');
    expect(parsed.echo).toEqual({ verb: 'ListRecords', metadataPrefix: 'marc21' });
    expect(errorOf(parse('verb=GetRecord&identifier=oai:x.th:ebooks/a&metadataPrefix=mods'))).toBe('cannotDisseminateFormat');
  });

  it('check days in the calendar', () => {
    expect(isOaiDay('2024-02-29')).toBe(true);
    expect(isOaiDay('2025-02-29')).toBe(false);
    expect(isOaiDay('25-01-01')).toBe(false);
  });
});

describe('resumption tokens', () => {
  const list = { metadataPrefix: 'oai_dc', from: '2025-01-01', set: 'field:hotel-management' };

  it('carry the original arguments and the offset', () => {
    const token = encodeResumptionToken(list, 50);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeResumptionToken(token)).toEqual({ list, offset: 50 });
    expect(parse(`verb=ListIdentifiers&resumptionToken=${token}`)).toEqual({
      ok: true,
      request: { verb: 'ListIdentifiers', list, offset: 50 },
      echo: { verb: 'ListIdentifiers', resumptionToken: token },
    });
  });

  it('answer badResumptionToken for anything this repository did not issue', () => {
    const forged = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '');
    for (const token of [
      'nonsense!',
      'abc',
      forged({ o: 0, m: 'oai_dc' }),
      forged({ o: 10, m: 'marc21' }),
      forged({ o: 10, m: 'oai_dc', f: '2025-99-01' }),
      forged({ o: 10, m: 'oai_dc', extra: 1 }),
      forged([1, 2]),
    ]) {
      const parsed = parse(`verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`);
      expect(errorOf(parsed), token).toBe('badResumptionToken');
      expect(parsed.echo, token).toEqual({ verb: 'ListRecords', resumptionToken: token });
    }
    // ListSets answers in one response, so it never hands out a token.
    expect(errorOf(parse(`verb=ListSets&resumptionToken=${encodeResumptionToken(list, 50)}`))).toBe('badResumptionToken');
  });
});
