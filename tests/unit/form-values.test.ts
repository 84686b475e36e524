import { describe, expect, it } from 'vitest';
import { changePasswordSchema, registerSchema, signInSchema } from '../../src/lib/auth/form-schemas.ts';
import { fieldErrors, formValues, valuesToKeep } from '../../src/lib/forms/form-values.ts';

const slugs = new Set(['electronics', 'hotel-management']);

function form(entries: [string, string | Blob][]) {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return formValues(data);
}

describe('form values', () => {
  it('turns repeated fields into lists and files into empty strings', () => {
    expect(form([['a', '1'], ['fields', 'x'], ['fields', 'y'], ['file', new Blob(['zz'])]])).toEqual({ a: '1', fields: ['x', 'y'], file: '' });
  });

  it('never keeps a password to show again', () => {
    expect(valuesToKeep({ email: 'a@b.org', password: 'x', currentPassword: 'y', newPassword: 'z' })).toEqual({ email: 'a@b.org' });
  });
});

describe('account form schemas', () => {
  const colleges = new Set([7, 8]);
  const valid = { role: 'student', email: ' Mana@Example.ORG ', password: 'a long enough phrase', nameTh: ' มานะ ', studentLevel: 'vc', fields: 'electronics', consent: 'yes' };

  it('cleans what it accepts: trimmed, lower-cased email, a list of fields, a level only for students', () => {
    expect(registerSchema(slugs, colleges).parse(valid)).toMatchObject({ email: 'mana@example.org', nameTh: 'มานะ', nameEn: null, fields: ['electronics'], studentLevel: 'vc', privacyConsent: true });
    expect(fieldErrors(registerSchema(slugs, colleges).safeParse({ ...valid, consent: '' }).error!)).toEqual({ consent: 'form.consent.required' });
    expect(registerSchema(slugs, colleges).parse({ ...valid, role: 'teacher' }).studentLevel).toBeNull();
  });

  it('takes a college from the list, or none', () => {
    expect(registerSchema(slugs, colleges).parse(valid).collegeId).toBeNull();
    expect(registerSchema(slugs, colleges).parse({ ...valid, collegeId: '8' }).collegeId).toBe(8);
    for (const collegeId of ['9', '-1', 'x', '1.5']) {
      const result = registerSchema(slugs, colleges).safeParse({ ...valid, collegeId });
      expect(fieldErrors(result.error!), collegeId).toEqual({ collegeId: collegeId === '9' || collegeId === '-1' ? 'form.college.unknown' : 'form.invalid' });
    }
  });

  it('names the field and the message key of each problem', () => {
    const result = registerSchema(slugs, colleges).safeParse({ ...valid, email: 'nope', role: 'admin', studentLevel: '', fields: ['hotel-management', 'nowhere'], nameTh: 'ก'.repeat(201) });
    expect(result.success).toBe(false);
    expect(fieldErrors(result.error!)).toEqual({
      email: 'form.email.invalid',
      role: 'form.role.required',
      fields: 'form.fields.unknown',
      nameTh: 'form.tooLong',
    });
  });

  it('turns zod’s own messages (wrong types) into form.invalid, never English text', () => {
    const result = signInSchema.safeParse({ email: ['a@b.org', 'c@d.org'], password: 'x' });
    expect(fieldErrors(result.error!)).toEqual({ email: 'form.required' });
    const types = registerSchema(slugs, colleges).safeParse({ ...valid, nameEn: ['a', 'b'] });
    expect(fieldErrors(types.error!)).toEqual({ nameEn: 'form.invalid' });
  });

  it('checks a new password against the person’s own details', () => {
    const result = changePasswordSchema(['mana@example.org', 'มานะ']).safeParse({ currentPassword: 'x', newPassword: 'MANA@example.org' });
    expect(fieldErrors(result.error!)).toEqual({ newPassword: 'form.password.personal' });
  });
});
