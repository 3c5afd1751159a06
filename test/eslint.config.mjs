import devTooling from '../dev/eslint.config.mjs';

// Tests lint with the development tooling's rules (dev/eslint.config.mjs) and may print what they measured.
export default [...devTooling, { rules: { 'no-console': 'off' } }];
