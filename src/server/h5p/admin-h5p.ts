// The admin's H5P page: the upload form's one action. The package is validated before anything is written into the
// activities folder; a refused one comes back with its reason next to the file field.
import { z } from 'astro/zod';
import { localePath, langFromPath } from '../../i18n/index.ts';
import { activityIdPattern } from '../../lib/h5p/package-rules.ts';
import { requireRole } from '../auth/authorize.ts';
import { uploadMessages } from '../catalog/admin-items.ts';
import { acceptedUploads } from '../catalog/uploads.ts';
import { formAction, handleForm, reject, type FormContext } from '../forms.ts';
import { H5pPackageError, installH5pPackage } from './package.ts';

const uploadSchema = z.object({
  id: z.string({ error: 'form.required' }).trim().min(1, 'form.required').regex(activityIdPattern, 'admin.h5p.id.invalid'),
});

export async function adminH5pForm(astro: FormContext) {
  requireRole(astro.locals, 'admin');
  return handleForm(
    astro,
    {
      upload: formAction(uploadSchema, async (input, _astro, files) => {
        const sent = files.package ?? [];
        if (sent.length !== 1) return reject(400, { errors: { package: 'admin.h5p.file.missing' }, message: { key: 'form.fixErrors' } });
        const accepted = acceptedUploads(sent);
        if (typeof accepted === 'string') return reject(400, { errors: { package: uploadMessages[accepted] }, message: { key: 'form.fixErrors' } });
        try {
          await installH5pPackage(accepted[0]!.tempPath, { id: input.id });
        } catch (error) {
          if (!(error instanceof H5pPackageError)) throw error;
          const errors = error.problem === 'id-taken' ? { id: 'admin.h5p.id.taken' as const } : { package: 'admin.h5p.file.refused' as const };
          return reject(400, { errors, message: { key: error.key, params: error.params } });
        }
        const lang = langFromPath(astro.url.pathname);
        return astro.redirect(`${localePath(lang, `/admin/h5p/${input.id}`)}?done=installed`, 303);
      }),
    },
    { acceptsFiles: true },
  );
}
