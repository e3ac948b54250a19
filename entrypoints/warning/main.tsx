import { render } from 'preact';
import '@/lib/ui/page.css';
import './warning.css';
import { WarningPage } from './WarningPage';
import { pageLang } from '@/lib/ui/page-lang';

render(<WarningPage lang={pageLang()} search={location.search} />, document.getElementById('app')!);
