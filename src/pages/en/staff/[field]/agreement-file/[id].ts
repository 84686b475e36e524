export { GET } from '../../../../staff/[field]/agreement-file/[id].ts';
