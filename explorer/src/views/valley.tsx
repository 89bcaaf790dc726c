import { ClusterOverviewDocument, IndustriesDocument } from '../generated/graphql';
import { operation } from '../api/client';
import { useQuery } from '../api/use-query';
import { currentLocale, enumLabel, formatNumber, t } from '../i18n/i18n';
import { entityHref, href, navigate, useLocation } from '../router';
import { Empty, Link, QueryView } from '../components/ui';
import { OperationTools } from '../components/toolbar';
import { Chart } from '../components/chart';

export function ValleyView() {
  const { params } = useLocation();
  const cluster = params.get('cluster') ?? '';
  const clusters = useQuery(IndustriesDocument, {});
  const variables = { cluster };
  const state = useQuery(ClusterOverviewDocument, variables, cluster !== '');
  return (
    <section aria-labelledby="valley-title">
      <h1 id="valley-title">{t('valley.title')}</h1>
      <div class="field inline">
        <label for="valley-cluster">{t('valley.cluster')}</label>
        <select id="valley-cluster" value={cluster} onChange={(event) => navigate(href('/valley', { cluster: event.currentTarget.value }))}>
          <option value="">{t('chain.choose')}</option>
          {clusters.status === 'success' &&
            clusters.data.industryClusters.nodes.map((node) => (
              <option key={node.id} value={node.id}>
                {node.name}
              </option>
            ))}
        </select>
      </div>
      {cluster === '' && <Empty>{t('valley.prompt')}</Empty>}
      <QueryView state={state}>
        {(data) => {
          const overview = data.clusterOverview;
          const indicators = overview.indicators;
          return (
            <>
              <div class="result-head">
                <h2 class="count">
                  {overview.cluster.name} · {overview.county.name} · {t('valley.localEnterprises', { count: overview.localEnterprises })}
                </h2>
                <OperationTools request={operation(ClusterOverviewDocument, variables)} />
              </div>
              {overview.cluster.description && <p>{overview.cluster.description}</p>}
              <p>
                <span class="muted">{t('valley.industries')}：</span>
                {overview.industries.map((industry, index) => (
                  <span key={industry.id}>
                    {index > 0 && '、'}
                    <Link href={href('/chain', { industry: industry.id })}>{industry.name}</Link>
                  </span>
                ))}
              </p>
              <div class="valley-grid">
                <section class="card" aria-labelledby="weakest-title">
                  <h3 id="weakest-title">{t('valley.weakest')}</h3>
                  <ol class="weakest">
                    {overview.weakestSegments.map((segment) => (
                      <li key={segment.segment.id} data-segment={segment.segment.name}>
                        <Link href={entityHref(segment.segment.id)}>{segment.segment.name}</Link>{' '}
                        {segment.gaps.map((gap) => (
                          <span key={gap.kind} class={`gap-badge gap-${gap.kind}`} title={currentLocale() === 'zh' ? gap.reason : gap.reasonEnglish}>
                            {enumLabel(gap.kind)}
                          </span>
                        ))}
                      </li>
                    ))}
                  </ol>
                </section>
                <section class="card" aria-labelledby="qualifications-title">
                  <h3 id="qualifications-title">{t('valley.qualifications')}</h3>
                  <Chart
                    label={overview.qualificationCounts.map((item) => `${enumLabel(item.qualification)} ${item.count}`).join('，')}
                    height={220}
                    option={{
                      tooltip: {},
                      grid: { left: 110, right: 24, top: 10, bottom: 24 },
                      xAxis: { type: 'value', minInterval: 1 },
                      yAxis: { type: 'category', data: overview.qualificationCounts.map((item) => enumLabel(item.qualification)) },
                      series: [{ type: 'bar', data: overview.qualificationCounts.map((item) => item.count), itemStyle: { color: '#c0541a' }, label: { show: true, position: 'right' } }],
                    }}
                  />
                </section>
              </div>
              <section class="card" aria-labelledby="indicators-title">
                <h3 id="indicators-title">{t('valley.indicators')}</h3>
                <Chart
                  label={t('valley.indicators')}
                  height={Math.max(160, indicators.length * 56)}
                  option={{
                    tooltip: {},
                    grid: { left: 160, right: 60, top: 10, bottom: 30 },
                    xAxis: { type: 'value', max: (value: { max: number }) => Math.max(100, Math.ceil(value.max / 10) * 10), axisLabel: { formatter: '{value}%' } },
                    yAxis: { type: 'category', data: indicators.map((item) => item.indicator.name) },
                    series: [
                      {
                        type: 'bar',
                        data: indicators.map((item) => Math.round((item.progressRatio ?? 0) * 1000) / 10),
                        itemStyle: { color: '#1f5fbf' },
                        label: { show: true, position: 'right', formatter: '{c}%' },
                        markLine: { symbol: 'none', data: [{ xAxis: 100 }], lineStyle: { color: '#1d7a46', type: 'dashed' }, label: { formatter: t('valley.targetSeries') } },
                      },
                    ],
                  }}
                />
                <ul class="indicator-list">
                  {indicators.map((item) => (
                    <li key={item.indicator.id} data-indicator={item.indicator.name}>
                      {t('valley.indicatorRow', {
                        name: item.indicator.name,
                        current: item.currentValue === null ? '—' : formatNumber(item.currentValue, 3),
                        unit: item.indicator.unit,
                        baseline: formatNumber(item.baselineValue, 3),
                        baselineYear: item.baselineYear,
                        target: formatNumber(item.targetValue, 3),
                        targetYear: item.targetYear,
                      })}{' '}
                      <strong>{t('valley.progress', { percent: item.progressRatio === null ? '—' : Math.round(item.progressRatio * 100) })}</strong>
                    </li>
                  ))}
                </ul>
              </section>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
