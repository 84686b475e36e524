export { GET } from '../../manpower/export.ts';
