// "Needs attention": identities ISC could not process. No `vscode` import.

/** The identities in processing error (ISC's processingState; an identity whose processing failed). */
export const PROCESSING_ERROR_FILTER = 'processingState eq "ERROR"';
