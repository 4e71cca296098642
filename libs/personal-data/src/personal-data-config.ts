/** The secret subject ids are derived with outside production, where none is configured. Never used in production. */
export const DEVELOPMENT_SUBJECT_SECRET = 'regledger-development-personal-data-subject-secret';
/** The shortest subject secret accepted in production (256 bits as text). */
export const MIN_SUBJECT_SECRET_LENGTH = 32;

export interface PersonalDataConfig {
  subjectSecret: string;
  /** True when the development default is in use. */
  development: boolean;
}

/**
 * `PERSONAL_DATA_SUBJECT_SECRET`: the HMAC secret subject ids are derived with. Production refuses to start
 * without one of at least 32 characters; elsewhere a fixed development secret stands in.
 */
export const loadPersonalDataConfig = (env: NodeJS.ProcessEnv): PersonalDataConfig => {
  const secret = env.PERSONAL_DATA_SUBJECT_SECRET?.trim();
  const production = env.NODE_ENV === 'production';
  if (secret) {
    if (production && secret.length < MIN_SUBJECT_SECRET_LENGTH) {
      throw new Error(`PERSONAL_DATA_SUBJECT_SECRET must be at least ${MIN_SUBJECT_SECRET_LENGTH} characters in production`);
    }
    return { subjectSecret: secret, development: false };
  }
  if (production) throw new Error('PERSONAL_DATA_SUBJECT_SECRET must be set in production');
  return { subjectSecret: DEVELOPMENT_SUBJECT_SECRET, development: true };
};
