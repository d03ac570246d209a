export { ExecutionReportResponse } from '../session.response.dto';
