/** What other bounded contexts may depend on in the credit context. */
export {};
