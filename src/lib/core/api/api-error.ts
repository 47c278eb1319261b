/** The body of every API answer that is not a success. */
export interface ApiError {
	error: string;
}
