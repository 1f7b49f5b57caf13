import { benchConfig } from '@closed-ftp/test-support/bench';

export default benchConfig();
