import type { DocumentNode } from 'graphql';

/** The text of one operation of the client contract, by name, exactly as front ends send it. */
export declare function operation(name: string): string;
export declare const contract: DocumentNode;
