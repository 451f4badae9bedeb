/**
 * The contract of services/lib: the hotel as every part of the platform knows it, shared by the services and the
 * orchestrator: the fields a client writes and the API answers with (hotel.ts), and the
 * document search holds (hotel-document.ts). It belongs to no one service, so scripts/ and
 * web/ import it here, beside each service's own contract.ts. Also the stay's rules (calendar.ts,
 * stay-query.ts), so the page refuses exactly the stays the API refuses.
 */
export { HOTEL_INPUT_FIELDS, type Hotel, type HotelInput, type HotelInputField, type HotelWrite } from './hotel.ts';
export { cityKey, type HotelDocument } from './hotel-document.ts';
export { calendarDay, MAX_NIGHTS } from './calendar.ts';
export { DEFAULT_GUESTS, MAX_GUESTS } from './stay-query.ts';
