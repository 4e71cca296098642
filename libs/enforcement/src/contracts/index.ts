/** What other bounded contexts may depend on in the enforcement context. */
export {};
