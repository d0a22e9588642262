/** Version of this package. A unit test keeps it equal to the one in package.json. */
export const packageVersion = '0.1.0';
