/** Tasks' published events: inspections, their outcomes and the publication of results. */
export {};
