export { GET } from '../../establishments/export.ts';
