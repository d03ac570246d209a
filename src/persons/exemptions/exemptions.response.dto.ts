export { ExemptionResponse } from '../get-person/get-person.response.dto';
