export { GET } from '../../../staff/[field]/export.ts';
