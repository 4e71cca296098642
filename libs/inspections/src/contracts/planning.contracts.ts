/** Planning's published events: inspectors, plans and draws. */
export {};
