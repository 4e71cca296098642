import type { ProductCategory } from '@regledger/declarations';

/**
 * Division tables for the seed generator: the 31 mainland provincial-level divisions, each with a few of its
 * largest manufacturing cities, districts with real GB/T 2260 codes and names, and towns or streets used in
 * addresses. City weights are rough shares of the province's manufacturing enterprises.
 */

export interface SeedDistrict {
  /** Six-digit code: a district, a county-level city, or the city itself where it has no districts (Dongguan, Zhongshan, Danzhou). */
  code: string;
  /** Empty for a city without districts. */
  name: string;
  /** Towns and streets used in addresses. */
  towns: readonly string[];
}

export interface SeedCity {
  /** `xxxx00`; a municipality (11, 12, 31, 50) has one city, `xx0100`, holding its districts. */
  code: string;
  /** For a municipality, its own name: addresses then write it once. */
  name: string;
  /** Pinyin initials, used in enterprise standard codes. */
  initials: string;
  /** Relative number of enterprises. */
  weight: number;
  districts: readonly SeedDistrict[];
}

export interface SeedProvince {
  /** Two-digit province code. */
  code: string;
  name: string;
  cities: readonly SeedCity[];
  /** Where makers of a category cluster: division codes, a city code standing for all its districts. */
  hotspots: Partial<Record<ProductCategory, readonly string[]>>;
}

const dist = (code: string, name: string, towns: readonly string[]): SeedDistrict => ({ code, name, towns });

export const SEED_PROVINCES: Readonly<Record<string, SeedProvince>> = Object.freeze({
  '11': {
    code: '11',
    name: '北京市',
    cities: [
      {
        code: '110100',
        name: '北京市',
        initials: 'BJ',
        weight: 1,
        districts: [
          dist('110105', '朝阳区', ['酒仙桥街道', '望京街道', '十八里店地区']),
          dist('110108', '海淀区', ['上地街道', '清河街道', '西北旺地区']),
          dist('110111', '房山区', ['窦店镇', '阎村镇', '长阳镇']),
          dist('110112', '通州区', ['马驹桥镇', '张家湾镇', '台湖镇']),
          dist('110113', '顺义区', ['南法信地区', '后沙峪地区', '空港街道']),
          dist('110114', '昌平区', ['沙河地区', '北七家镇', '回龙观街道']),
          dist('110115', '大兴区', ['亦庄地区', '旧宫地区', '采育镇']),
        ],
      },
    ],
    hotspots: {
      smartphone: ['110108', '110114'],
      air_purifier: ['110108'],
    },
  },
  '12': {
    code: '12',
    name: '天津市',
    cities: [
      {
        code: '120100',
        name: '天津市',
        initials: 'TJ',
        weight: 1,
        districts: [
          dist('120110', '东丽区', ['华明街道', '军粮城街道']),
          dist('120111', '西青区', ['杨柳青镇', '张家窝镇', '中北镇']),
          dist('120112', '津南区', ['咸水沽镇', '八里台镇']),
          dist('120113', '北辰区', ['双街镇', '小淀镇', '天穆镇']),
          dist('120114', '武清区', ['杨村街道', '王庆坨镇', '崔黄口镇']),
          dist('120116', '滨海新区', ['泰达街道', '大港街道', '汉沽街道']),
          dist('120118', '静海区', ['大邱庄镇', '唐官屯镇']),
        ],
      },
    ],
    hotspots: {},
  },
  '13': {
    code: '13',
    name: '河北省',
    cities: [
      { code: '130100', name: '石家庄市', initials: 'SJZ', weight: 28, districts: [dist('130109', '藁城区', ['廉州镇', '兴安镇']), dist('130110', '鹿泉区', ['获鹿镇', '铜冶镇']), dist('130123', '正定县', ['正定镇', '新城铺镇'])] },
      { code: '130200', name: '唐山市', initials: 'TS', weight: 24, districts: [dist('130207', '丰南区', ['胥各庄街道', '小集镇']), dist('130208', '丰润区', ['丰润镇', '火石营镇']), dist('130209', '曹妃甸区', ['唐海镇'])] },
      { code: '130600', name: '保定市', initials: 'BD', weight: 20, districts: [dist('130609', '徐水区', ['安肃镇', '高林村镇']), dist('130628', '高阳县', ['高阳镇', '庞口镇']), dist('130684', '高碑店市', ['白沟镇', '方官镇'])] },
      { code: '131000', name: '廊坊市', initials: 'LF', weight: 16, districts: [dist('131025', '大城县', ['平舒镇', '南赵扶镇']), dist('131081', '霸州市', ['胜芳镇', '南孟镇']), dist('131082', '三河市', ['燕郊镇', '皇庄镇'])] },
    ],
    hotspots: {
      leather_luggage: ['130684'],
      furniture: ['131081', '131025'],
      bedding: ['130628'],
    },
  },
  '14': {
    code: '14',
    name: '山西省',
    cities: [
      { code: '140100', name: '太原市', initials: 'TY', weight: 40, districts: [dist('140105', '小店区', ['北营街道', '坞城街道']), dist('140110', '晋源区', ['晋祠镇', '金胜镇']), dist('140121', '清徐县', ['清源镇', '徐沟镇'])] },
      { code: '140700', name: '晋中市', initials: 'JZ', weight: 18, districts: [dist('140702', '榆次区', ['修文镇', '东阳镇']), dist('140728', '平遥县', ['古陶镇', '洪善镇']), dist('140781', '介休市', ['义安镇', '张兰镇'])] },
      { code: '140800', name: '运城市', initials: 'YC', weight: 16, districts: [dist('140802', '盐湖区', ['解州镇', '龙居镇']), dist('140881', '永济市', ['蒲州镇', '开张镇'])] },
    ],
    hotspots: {},
  },
  '15': {
    code: '15',
    name: '内蒙古自治区',
    cities: [
      { code: '150100', name: '呼和浩特市', initials: 'HHHT', weight: 26, districts: [dist('150105', '赛罕区', ['巴彦镇', '黄合少镇']), dist('150121', '土默特左旗', ['察素齐镇', '毕克齐镇']), dist('150123', '和林格尔县', ['盛乐镇', '城关镇'])] },
      { code: '150200', name: '包头市', initials: 'BT', weight: 30, districts: [dist('150207', '九原区', ['麻池镇', '哈林格尔镇']), dist('150221', '土默特右旗', ['萨拉齐镇', '美岱召镇'])] },
      { code: '150600', name: '鄂尔多斯市', initials: 'EEDS', weight: 20, districts: [dist('150602', '东胜区', ['罕台镇', '泊江海镇']), dist('150622', '准格尔旗', ['薛家湾镇', '大路镇']), dist('150627', '伊金霍洛旗', ['阿勒腾席热镇', '乌兰木伦镇'])] },
    ],
    hotspots: {},
  },
  '21': {
    code: '21',
    name: '辽宁省',
    cities: [
      { code: '210100', name: '沈阳市', initials: 'SY', weight: 34, districts: [dist('210106', '铁西区', ['兴华街道', '艳粉街道']), dist('210113', '沈北新区', ['道义街道', '虎石台街道']), dist('210114', '于洪区', ['造化街道', '沙岭街道'])] },
      { code: '210200', name: '大连市', initials: 'DL', weight: 30, districts: [dist('210211', '甘井子区', ['泉水街道', '营城子街道']), dist('210213', '金州区', ['董家沟街道', '大魏家街道']), dist('210281', '瓦房店市', ['复州城镇', '李官镇'])] },
      { code: '210300', name: '鞍山市', initials: 'AS', weight: 14, districts: [dist('210381', '海城市', ['南台镇', '腾鳌镇', '西柳镇'])] },
    ],
    hotspots: {
      leather_luggage: ['210381'],
    },
  },
  '22': {
    code: '22',
    name: '吉林省',
    cities: [
      { code: '220100', name: '长春市', initials: 'CC', weight: 40, districts: [dist('220106', '绿园区', ['合心镇', '城西镇']), dist('220122', '农安县', ['农安镇', '合隆镇']), dist('220184', '公主岭市', ['范家屯镇', '大岭镇'])] },
      { code: '220200', name: '吉林市', initials: 'JL', weight: 14, districts: [dist('220202', '昌邑区', ['孤店子镇', '桦皮厂镇']), dist('220203', '龙潭区', ['乌拉街满族镇', '金珠镇'])] },
      { code: '220500', name: '通化市', initials: 'TH', weight: 8, districts: [dist('220581', '梅河口市', ['山城镇', '海龙镇'])] },
    ],
    hotspots: {},
  },
  '23': {
    code: '23',
    name: '黑龙江省',
    cities: [
      { code: '230100', name: '哈尔滨市', initials: 'HEB', weight: 40, districts: [dist('230108', '平房区', ['平房镇', '兴建街道']), dist('230109', '松北区', ['对青山镇', '乐业镇']), dist('230110', '香坊区', ['成高子镇', '幸福镇'])] },
      { code: '230200', name: '齐齐哈尔市', initials: 'QQHE', weight: 12, districts: [dist('230206', '富拉尔基区', ['红岸街道', '电力街道'])] },
      { code: '230600', name: '大庆市', initials: 'DQ', weight: 18, districts: [dist('230604', '让胡路区', ['喇嘛甸镇', '银浪街道']), dist('230606', '大同区', ['林源镇', '大同镇'])] },
    ],
    hotspots: {},
  },
  '31': {
    code: '31',
    name: '上海市',
    cities: [
      {
        code: '310100',
        name: '上海市',
        initials: 'SH',
        weight: 1,
        districts: [
          dist('310112', '闵行区', ['莘庄镇', '马桥镇', '颛桥镇', '华漕镇']),
          dist('310113', '宝山区', ['顾村镇', '罗店镇', '杨行镇']),
          dist('310114', '嘉定区', ['安亭镇', '南翔镇', '马陆镇', '江桥镇']),
          dist('310115', '浦东新区', ['张江镇', '金桥镇', '川沙新镇', '康桥镇']),
          dist('310116', '金山区', ['枫泾镇', '亭林镇', '朱泾镇']),
          dist('310117', '松江区', ['九亭镇', '泗泾镇', '车墩镇']),
          dist('310118', '青浦区', ['华新镇', '赵巷镇', '徐泾镇']),
          dist('310120', '奉贤区', ['南桥镇', '金汇镇', '青村镇']),
        ],
      },
    ],
    hotspots: {
      smartphone: ['310115'],
    },
  },
  '32': {
    code: '32',
    name: '江苏省',
    cities: [
      { code: '320100', name: '南京市', initials: 'NJ', weight: 22, districts: [dist('320102', '玄武区', ['玄武门街道']), dist('320104', '秦淮区', ['光华路街道']), dist('320106', '鼓楼区', ['江东街道']), dist('320115', '江宁区', ['秣陵街道', '淳化街道'])] },
      { code: '320200', name: '无锡市', initials: 'WX', weight: 18, districts: [dist('320205', '锡山区', ['东港镇']), dist('320211', '滨湖区', ['胡埭镇']), dist('320213', '梁溪区', ['扬名街道']), dist('320214', '新吴区', ['梅村街道', '硕放街道'])] },
      { code: '320400', name: '常州市', initials: 'CZ', weight: 12, districts: [dist('320411', '新北区', ['薛家镇', '罗溪镇']), dist('320412', '武进区', ['湖塘镇', '横林镇'])] },
      {
        code: '320500',
        name: '苏州市',
        initials: 'SZ',
        weight: 32,
        districts: [
          dist('320505', '虎丘区', ['狮山街道']),
          dist('320506', '吴中区', ['甪直镇', '木渎镇']),
          dist('320507', '相城区', ['蠡口街道', '黄桥街道']),
          dist('320508', '姑苏区', ['金阊街道']),
          dist('320581', '常熟市', ['古里镇', '海虞镇']),
          dist('320583', '昆山市', ['周市镇', '花桥镇']),
        ],
      },
      { code: '320600', name: '南通市', initials: 'NT', weight: 16, districts: [dist('320612', '通州区', ['川姜镇', '先锋街道']), dist('320614', '海门区', ['三星镇', '海门街道'])] },
    ],
    hotspots: {
      bedding: ['320612', '320614'],
      infant_clothing: ['320581'],
      smartphone: ['320583', '320505'],
      kitchen_appliance: ['320506', '320214'],
      water_heater: ['320214'],
      furniture: ['320507', '320412'],
    },
  },
  '33': {
    code: '33',
    name: '浙江省',
    cities: [
      {
        code: '330100',
        name: '杭州市',
        initials: 'HZ',
        weight: 30,
        districts: [
          dist('330102', '上城区', ['四季青街道']),
          dist('330105', '拱墅区', ['祥符街道']),
          dist('330106', '西湖区', ['转塘街道', '三墩镇']),
          dist('330108', '滨江区', ['长河街道', '西兴街道']),
          dist('330110', '余杭区', ['仓前街道', '良渚街道']),
        ],
      },
      {
        code: '330200',
        name: '宁波市',
        initials: 'NB',
        weight: 22,
        districts: [dist('330203', '海曙区', ['集士港镇']), dist('330206', '北仑区', ['大碶街道', '小港街道']), dist('330212', '鄞州区', ['姜山镇', '五乡镇']), dist('330282', '慈溪市', ['周巷镇', '观海卫镇', '坎墩街道'])],
      },
      { code: '330300', name: '温州市', initials: 'WZ', weight: 14, districts: [dist('330302', '鹿城区', ['双屿街道']), dist('330303', '龙湾区', ['永中街道']), dist('330382', '乐清市', ['柳市镇', '北白象镇'])] },
      { code: '330400', name: '嘉兴市', initials: 'JX', weight: 10, districts: [dist('330402', '南湖区', ['大桥镇']), dist('330481', '海宁市', ['海昌街道', '许村镇'])] },
      { code: '330600', name: '绍兴市', initials: 'SX', weight: 10, districts: [dist('330602', '越城区', ['皋埠街道']), dist('330603', '柯桥区', ['柯桥街道', '齐贤街道'])] },
      { code: '330700', name: '金华市', initials: 'JH', weight: 14, districts: [dist('330702', '婺城区', ['白龙桥镇']), dist('330782', '义乌市', ['稠城街道', '佛堂镇', '苏溪镇']), dist('330784', '永康市', ['东城街道', '古山镇'])] },
    ],
    hotspots: {
      toy: ['330782'],
      kitchenware: ['330784'],
      leather_luggage: ['330481'],
      air_purifier: ['330282', '330212'],
      rice_cooker: ['330282'],
      water_heater: ['330282', '330212'],
      kitchen_appliance: ['330282', '330110'],
      hair_dryer: ['330282'],
      bedding: ['330603'],
      infant_clothing: ['330603', '330782'],
      smartphone: ['330108'],
    },
  },
  '34': {
    code: '34',
    name: '安徽省',
    cities: [
      { code: '340100', name: '合肥市', initials: 'HF', weight: 36, districts: [dist('340104', '蜀山区', ['南岗镇', '小庙镇']), dist('340122', '肥东县', ['店埠镇', '撮镇镇']), dist('340123', '肥西县', ['上派镇', '桃花镇'])] },
      { code: '340200', name: '芜湖市', initials: 'WH', weight: 18, districts: [dist('340207', '鸠江区', ['沈巷镇', '二坝镇']), dist('340212', '繁昌区', ['繁阳镇', '孙村镇']), dist('340281', '无为市', ['无城镇', '高沟镇'])] },
      { code: '341100', name: '滁州市', initials: 'CZ', weight: 12, districts: [dist('341103', '南谯区', ['乌衣镇', '沙河镇']), dist('341181', '天长市', ['秦栏镇', '铜城镇'])] },
    ],
    hotspots: {
      kitchen_appliance: ['340100', '341100'],
      water_heater: ['340200', '340100'],
    },
  },
  '35': {
    code: '35',
    name: '福建省',
    cities: [
      { code: '350100', name: '福州市', initials: 'FZ', weight: 22, districts: [dist('350104', '仓山区', ['盖山镇', '城门镇', '建新镇']), dist('350112', '长乐区', ['金峰镇', '营前街道']), dist('350181', '福清市', ['宏路街道', '江阴镇'])] },
      { code: '350200', name: '厦门市', initials: 'XM', weight: 20, districts: [dist('350205', '海沧区', ['海沧街道', '东孚街道']), dist('350206', '湖里区', ['殿前街道', '禾山街道']), dist('350211', '集美区', ['杏林街道', '灌口镇', '后溪镇'])] },
      { code: '350500', name: '泉州市', initials: 'QZ', weight: 30, districts: [dist('350581', '石狮市', ['灵秀镇', '宝盖镇', '蚶江镇']), dist('350582', '晋江市', ['陈埭镇', '安海镇', '深沪镇']), dist('350583', '南安市', ['仑苍镇', '水头镇', '官桥镇'])] },
    ],
    hotspots: {
      children_diaper: ['350582', '350500'],
      smart_toilet_seat: ['350583', '350200'],
      infant_clothing: ['350581', '350582'],
    },
  },
  '36': {
    code: '36',
    name: '江西省',
    cities: [
      { code: '360100', name: '南昌市', initials: 'NC', weight: 30, districts: [dist('360111', '青山湖区', ['京东镇', '罗家镇']), dist('360112', '新建区', ['长堎镇', '望城镇']), dist('360121', '南昌县', ['莲塘镇', '向塘镇'])] },
      { code: '360400', name: '九江市', initials: 'JJ', weight: 14, districts: [dist('360402', '濂溪区', ['姑塘镇', '莲花镇']), dist('360482', '共青城市', ['江益镇', '甘露镇'])] },
      { code: '360700', name: '赣州市', initials: 'GZ', weight: 20, districts: [dist('360702', '章贡区', ['沙石镇', '水西镇']), dist('360703', '南康区', ['唐江镇', '龙岭镇', '东山街道']), dist('360722', '信丰县', ['嘉定镇', '大塘埠镇'])] },
    ],
    hotspots: {
      furniture: ['360703'],
      bedding: ['360482'],
    },
  },
  '37': {
    code: '37',
    name: '山东省',
    cities: [
      { code: '370100', name: '济南市', initials: 'JN', weight: 26, districts: [dist('370112', '历城区', ['王舍人街道', '港沟街道', '遥墙街道']), dist('370114', '章丘区', ['明水街道', '刁镇'])] },
      { code: '370200', name: '青岛市', initials: 'QD', weight: 40, districts: [dist('370211', '黄岛区', ['辛安街道', '薛家岛街道', '灵山卫街道']), dist('370212', '崂山区', ['中韩街道', '沙子口街道', '王哥庄街道']), dist('370215', '即墨区', ['通济街道', '环秀街道', '蓝村街道'])] },
      { code: '370700', name: '潍坊市', initials: 'WF', weight: 22, districts: [dist('370705', '奎文区', ['廿里堡街道', '北苑街道']), dist('370783', '寿光市', ['圣城街道', '侯镇']), dist('370785', '高密市', ['醴泉街道', '朝阳街道'])] },
      { code: '371600', name: '滨州市', initials: 'BZ', weight: 12, districts: [dist('371602', '滨城区', ['滨北街道', '杨柳雪镇']), dist('371625', '博兴县', ['兴福镇', '博昌街道']), dist('371681', '邹平市', ['魏桥镇', '黛溪街道'])] },
    ],
    hotspots: {
      kitchen_appliance: ['370212', '370211'],
      water_heater: ['370212', '370211'],
      audio_equipment: ['370700'],
      kitchenware: ['371625'],
      bedding: ['371681', '371602'],
    },
  },
  '41': {
    code: '41',
    name: '河南省',
    cities: [
      { code: '410100', name: '郑州市', initials: 'ZZ', weight: 40, districts: [dist('410122', '中牟县', ['白沙镇', '韩寺镇']), dist('410181', '巩义市', ['回郭镇', '竹林镇']), dist('410184', '新郑市', ['龙湖镇', '薛店镇', '孟庄镇'])] },
      { code: '410300', name: '洛阳市', initials: 'LY', weight: 16, districts: [dist('410305', '涧西区', ['天津路街道', '重庆路街道']), dist('410311', '洛龙区', ['白马寺镇', '李楼镇'])] },
      { code: '410700', name: '新乡市', initials: 'XX', weight: 14, districts: [dist('410721', '新乡县', ['七里营镇', '小冀镇']), dist('410783', '长垣市', ['丁栾镇', '魏庄街道'])] },
      { code: '411000', name: '许昌市', initials: 'XC', weight: 12, districts: [dist('411081', '禹州市', ['神垕镇', '鸿畅镇']), dist('411082', '长葛市', ['大周镇', '后河镇'])] },
    ],
    hotspots: {
      smartphone: ['410184'],
    },
  },
  '42': {
    code: '42',
    name: '湖北省',
    cities: [
      { code: '420100', name: '武汉市', initials: 'WH', weight: 45, districts: [dist('420112', '东西湖区', ['吴家山街道', '走马岭街道']), dist('420113', '汉南区', ['纱帽街道', '邓南街道']), dist('420115', '江夏区', ['纸坊街道', '郑店街道'])] },
      { code: '420500', name: '宜昌市', initials: 'YC', weight: 16, districts: [dist('420506', '夷陵区', ['小溪塔街道', '鸦鹊岭镇']), dist('420581', '宜都市', ['陆城街道', '枝城镇']), dist('420583', '枝江市', ['马家店街道', '董市镇'])] },
      { code: '420600', name: '襄阳市', initials: 'XY', weight: 18, districts: [dist('420606', '樊城区', ['太平店镇', '牛首镇']), dist('420607', '襄州区', ['张湾街道', '双沟镇']), dist('420683', '枣阳市', ['吴店镇', '兴隆镇'])] },
    ],
    hotspots: {
      kitchenware: ['420100'],
    },
  },
  '43': {
    code: '43',
    name: '湖南省',
    cities: [
      { code: '430100', name: '长沙市', initials: 'CS', weight: 40, districts: [dist('430121', '长沙县', ['星沙街道', '黄花镇']), dist('430181', '浏阳市', ['永安镇', '集里街道']), dist('430182', '宁乡市', ['玉潭街道', '金洲镇'])] },
      { code: '430200', name: '株洲市', initials: 'ZZ', weight: 16, districts: [dist('430211', '天元区', ['群丰镇', '雷打石镇']), dist('430281', '醴陵市', ['孙家湾镇', '浦口镇'])] },
      { code: '430300', name: '湘潭市', initials: 'XT', weight: 12, districts: [dist('430304', '岳塘区', ['荷塘街道', '双马街道']), dist('430381', '湘乡市', ['棋梓镇', '毛田镇'])] },
    ],
    hotspots: {},
  },
  '44': {
    code: '44',
    name: '广东省',
    cities: [
      {
        code: '440100',
        name: '广州市',
        initials: 'GZ',
        weight: 25,
        districts: [
          dist('440103', '荔湾区', ['花地街道', '东漖街道']),
          dist('440104', '越秀区', ['北京街道', '流花街道']),
          dist('440105', '海珠区', ['琶洲街道', '南洲街道']),
          dist('440106', '天河区', ['车陂街道', '棠下街道', '元岗街道']),
          dist('440111', '白云区', ['人和镇', '太和镇', '均禾街道']),
          dist('440112', '黄埔区', ['萝岗街道', '永和街道', '九龙镇']),
          dist('440113', '番禺区', ['石碁镇', '大石街道', '沙湾街道']),
          dist('440114', '花都区', ['狮岭镇', '新华街道', '炭步镇']),
          dist('440115', '南沙区', ['黄阁镇', '东涌镇']),
          dist('440117', '从化区', ['太平镇', '江埔街道']),
          dist('440118', '增城区', ['新塘镇', '石滩镇', '永宁街道']),
        ],
      },
      {
        code: '440300',
        name: '深圳市',
        initials: 'SZ',
        weight: 28,
        districts: [
          dist('440303', '罗湖区', ['笋岗街道', '清水河街道']),
          dist('440304', '福田区', ['华强北街道', '沙头街道']),
          dist('440305', '南山区', ['粤海街道', '西丽街道', '桃源街道']),
          dist('440306', '宝安区', ['西乡街道', '福永街道', '沙井街道', '松岗街道']),
          dist('440307', '龙岗区', ['坂田街道', '横岗街道', '平湖街道']),
          dist('440308', '盐田区', ['沙头角街道']),
          dist('440309', '龙华区', ['观澜街道', '大浪街道', '民治街道']),
          dist('440310', '坪山区', ['坑梓街道', '龙田街道']),
        ],
      },
      {
        code: '440400',
        name: '珠海市',
        initials: 'ZH',
        weight: 4,
        districts: [dist('440402', '香洲区', ['前山街道', '南屏镇']), dist('440403', '斗门区', ['井岸镇', '白蕉镇']), dist('440404', '金湾区', ['三灶镇', '红旗镇'])],
      },
      {
        code: '440500',
        name: '汕头市',
        initials: 'ST',
        weight: 4,
        districts: [dist('440507', '龙湖区', ['外砂街道', '新溪街道']), dist('440511', '金平区', ['鮀江街道']), dist('440515', '澄海区', ['莲下镇', '凤翔街道', '莲上镇', '广益街道'])],
      },
      {
        code: '440600',
        name: '佛山市',
        initials: 'FS',
        weight: 15,
        districts: [
          dist('440604', '禅城区', ['南庄镇', '张槎街道', '祖庙街道']),
          dist('440605', '南海区', ['狮山镇', '里水镇', '大沥镇', '九江镇']),
          dist('440606', '顺德区', ['北滘镇', '容桂街道', '乐从镇', '龙江镇', '伦教街道', '勒流街道']),
          dist('440607', '三水区', ['乐平镇', '白坭镇']),
          dist('440608', '高明区', ['荷城街道', '杨和镇']),
        ],
      },
      {
        code: '440700',
        name: '江门市',
        initials: 'JM',
        weight: 3,
        districts: [
          dist('440703', '蓬江区', ['棠下镇', '杜阮镇']),
          dist('440704', '江海区', ['外海街道']),
          dist('440705', '新会区', ['会城街道', '司前镇', '大泽镇']),
          dist('440785', '恩平市', ['恩城街道', '圣堂镇']),
        ],
      },
      { code: '441700', name: '阳江市', initials: 'YJ', weight: 2, districts: [dist('441702', '江城区', ['城西街道', '双捷镇'])] },
      {
        code: '441900',
        name: '东莞市',
        initials: 'DG',
        weight: 14,
        districts: [dist('441900', '', ['长安镇', '虎门镇', '厚街镇', '松山湖', '塘厦镇', '常平镇', '大岭山镇', '寮步镇'])],
      },
      { code: '442000', name: '中山市', initials: 'ZS', weight: 6, districts: [dist('442000', '', ['小榄镇', '古镇镇', '南头镇', '东凤镇', '黄圃镇', '火炬开发区'])] },
    ],
    hotspots: {
      air_purifier: ['440300', '440100', '442000'],
      rice_cooker: ['440606', '442000', '440605'],
      smart_toilet_seat: ['440606', '440604', '442000'],
      smartphone: ['440300', '441900'],
      children_diaper: ['440100', '440600', '440700'],
      toy: ['440515', '441900'],
      infant_clothing: ['440600', '440100', '442000'],
      kitchenware: ['441702', '440705', '440606'],
      bedding: ['440100', '440600', '441900'],
      furniture: ['440606', '441900'],
      water_heater: ['440606', '442000', '440605'],
      kitchen_appliance: ['440606', '442000', '440605'],
      hair_dryer: ['440300', '442000', '440606'],
      leather_luggage: ['440114', '440111', '441900'],
      audio_equipment: ['440113', '440300', '440785'],
    },
  },
  '45': {
    code: '45',
    name: '广西壮族自治区',
    cities: [
      { code: '450100', name: '南宁市', initials: 'NN', weight: 30, districts: [dist('450105', '江南区', ['吴圩镇', '沙井街道']), dist('450108', '良庆区', ['良庆镇', '大塘镇']), dist('450110', '武鸣区', ['城厢镇', '双桥镇'])] },
      { code: '450200', name: '柳州市', initials: 'LZ', weight: 32, districts: [dist('450203', '鱼峰区', ['雒容镇', '洛埠镇']), dist('450205', '柳北区', ['沙塘镇', '长塘镇']), dist('450206', '柳江区', ['拉堡镇', '进德镇'])] },
      { code: '450300', name: '桂林市', initials: 'GL', weight: 12, districts: [dist('450312', '临桂区', ['临桂镇', '两江镇']), dist('450381', '荔浦市', ['荔城镇', '新坪镇'])] },
    ],
    hotspots: {},
  },
  '46': {
    code: '46',
    name: '海南省',
    cities: [
      { code: '460100', name: '海口市', initials: 'HK', weight: 40, districts: [dist('460105', '秀英区', ['长流镇', '西秀镇', '石山镇']), dist('460106', '龙华区', ['城西镇', '新坡镇']), dist('460108', '美兰区', ['灵山镇', '演丰镇', '三江镇'])] },
      { code: '460400', name: '儋州市', initials: 'DZ', weight: 8, districts: [dist('460400', '', ['那大镇', '白马井镇', '木棠镇'])] },
    ],
    hotspots: {},
  },
  '50': {
    code: '50',
    name: '重庆市',
    cities: [
      {
        code: '500100',
        name: '重庆市',
        initials: 'CQ',
        weight: 1,
        districts: [
          dist('500106', '沙坪坝区', ['西永街道', '青木关镇', '回龙坝镇']),
          dist('500107', '九龙坡区', ['西彭镇', '白市驿镇', '含谷镇']),
          dist('500112', '渝北区', ['回兴街道', '双凤桥街道', '龙兴镇']),
          dist('500113', '巴南区', ['界石镇', '木洞镇']),
          dist('500116', '江津区', ['双福街道', '德感街道', '珞璜镇']),
          dist('500120', '璧山区', ['璧城街道', '青杠街道']),
        ],
      },
    ],
    hotspots: {},
  },
  '51': {
    code: '51',
    name: '四川省',
    cities: [
      {
        code: '510100',
        name: '成都市',
        initials: 'CD',
        weight: 45,
        districts: [
          dist('510112', '龙泉驿区', ['龙泉街道', '大面街道', '十陵街道']),
          dist('510114', '新都区', ['新都街道', '大丰街道']),
          dist('510116', '双流区', ['东升街道', '西航港街道', '九江街道']),
          dist('510184', '崇州市', ['崇阳街道', '羊马街道']),
        ],
      },
      { code: '510600', name: '德阳市', initials: 'DY', weight: 14, districts: [dist('510603', '旌阳区', ['孝泉镇', '黄许镇']), dist('510681', '广汉市', ['向阳镇', '三星堆镇']), dist('510682', '什邡市', ['方亭街道', '洛水镇'])] },
      { code: '510700', name: '绵阳市', initials: 'MY', weight: 14, districts: [dist('510703', '涪城区', ['青义镇', '石塘街道']), dist('510704', '游仙区', ['小枧沟镇', '石马镇'])] },
    ],
    hotspots: {
      furniture: ['510184', '510114'],
    },
  },
  '52': {
    code: '52',
    name: '贵州省',
    cities: [
      { code: '520100', name: '贵阳市', initials: 'GY', weight: 40, districts: [dist('520111', '花溪区', ['石板镇', '青岩镇']), dist('520112', '乌当区', ['东风镇', '水田镇']), dist('520113', '白云区', ['沙文镇', '麦架镇'])] },
      { code: '520300', name: '遵义市', initials: 'ZY', weight: 22, districts: [dist('520303', '汇川区', ['高坪街道', '董公寺街道']), dist('520382', '仁怀市', ['茅台镇', '中枢街道'])] },
      { code: '520400', name: '安顺市', initials: 'AS', weight: 8, districts: [dist('520402', '西秀区', ['七眼桥镇', '宁谷镇']), dist('520403', '平坝区', ['夏云镇', '天龙镇'])] },
    ],
    hotspots: {},
  },
  '53': {
    code: '53',
    name: '云南省',
    cities: [
      { code: '530100', name: '昆明市', initials: 'KM', weight: 45, districts: [dist('530111', '官渡区', ['矣六街道', '小板桥街道']), dist('530114', '呈贡区', ['洛羊街道', '吴家营街道']), dist('530181', '安宁市', ['连然街道', '草铺街道'])] },
      { code: '530300', name: '曲靖市', initials: 'QJ', weight: 16, districts: [dist('530302', '麒麟区', ['越州镇', '沿江街道']), dist('530303', '沾益区', ['西平街道', '白水镇'])] },
      { code: '530400', name: '玉溪市', initials: 'YX', weight: 12, districts: [dist('530402', '红塔区', ['研和街道', '北城街道'])] },
    ],
    hotspots: {},
  },
  '54': {
    code: '54',
    name: '西藏自治区',
    cities: [
      { code: '540100', name: '拉萨市', initials: 'LS', weight: 60, districts: [dist('540102', '城关区', ['八廓街道', '吉日街道', '蔡公堂街道']), dist('540103', '堆龙德庆区', ['东嘎街道', '乃琼街道', '羊达街道']), dist('540104', '达孜区', ['德庆镇', '塔杰乡'])] },
      { code: '540200', name: '日喀则市', initials: 'RKZ', weight: 15, districts: [dist('540202', '桑珠孜区', ['城南街道', '城北街道', '甲措雄乡'])] },
      { code: '540400', name: '林芝市', initials: 'LZ', weight: 10, districts: [dist('540402', '巴宜区', ['八一镇', '林芝镇', '鲁朗镇'])] },
    ],
    hotspots: {},
  },
  '61': {
    code: '61',
    name: '陕西省',
    cities: [
      { code: '610100', name: '西安市', initials: 'XA', weight: 45, districts: [dist('610112', '未央区', ['谭家街道', '六村堡街道', '草滩街道']), dist('610116', '长安区', ['韦曲街道', '郭杜街道', '细柳街道']), dist('610117', '高陵区', ['泾渭街道', '崇皇街道'])] },
      { code: '610300', name: '宝鸡市', initials: 'BJ', weight: 16, districts: [dist('610302', '渭滨区', ['马营镇', '神农镇']), dist('610304', '陈仓区', ['虢镇街道', '阳平镇', '千河镇']), dist('610323', '岐山县', ['蔡家坡镇', '凤鸣镇'])] },
      { code: '610400', name: '咸阳市', initials: 'XY', weight: 14, districts: [dist('610402', '秦都区', ['陈杨寨街道', '马泉街道']), dist('610404', '渭城区', ['窑店街道', '正阳街道']), dist('610481', '兴平市', ['西城街道', '店张街道', '马嵬街道'])] },
    ],
    hotspots: {},
  },
  '62': {
    code: '62',
    name: '甘肃省',
    cities: [
      { code: '620100', name: '兰州市', initials: 'LZ', weight: 50, districts: [dist('620103', '七里河区', ['西湖街道', '彭家坪镇']), dist('620104', '西固区', ['西固城街道', '陈坪街道']), dist('620123', '榆中县', ['城关镇', '和平镇'])] },
      { code: '620300', name: '金昌市', initials: 'JC', weight: 10, districts: [dist('620302', '金川区', ['滨河路街道', '宁远堡镇', '双湾镇']), dist('620321', '永昌县', ['城关镇', '河西堡镇'])] },
      { code: '620500', name: '天水市', initials: 'TS', weight: 16, districts: [dist('620502', '秦州区', ['玉泉镇', '太京镇']), dist('620503', '麦积区', ['道北街道', '社棠镇', '马跑泉镇'])] },
    ],
    hotspots: {},
  },
  '63': {
    code: '63',
    name: '青海省',
    cities: [
      { code: '630100', name: '西宁市', initials: 'XN', weight: 60, districts: [dist('630105', '城北区', ['大堡子镇', '二十里铺镇']), dist('630106', '湟中区', ['鲁沙尔镇', '多巴镇']), dist('630121', '大通回族土族自治县', ['桥头镇', '长宁镇'])] },
      { code: '630200', name: '海东市', initials: 'HD', weight: 20, districts: [dist('630203', '平安区', ['平安镇', '小峡镇', '三合镇']), dist('630223', '互助土族自治县', ['威远镇', '丹麻镇'])] },
    ],
    hotspots: {},
  },
  '64': {
    code: '64',
    name: '宁夏回族自治区',
    cities: [
      { code: '640100', name: '银川市', initials: 'YC', weight: 50, districts: [dist('640104', '兴庆区', ['掌政镇', '大新镇']), dist('640105', '西夏区', ['兴泾镇', '镇北堡镇']), dist('640181', '灵武市', ['宁东镇', '临河镇', '崇兴镇'])] },
      { code: '640200', name: '石嘴山市', initials: 'SZS', weight: 18, districts: [dist('640202', '大武口区', ['长胜街道', '星海镇']), dist('640205', '惠农区', ['红果子镇', '尾闸镇']), dist('640221', '平罗县', ['城关镇', '黄渠桥镇', '宝丰镇'])] },
      { code: '640300', name: '吴忠市', initials: 'WZ', weight: 14, districts: [dist('640302', '利通区', ['金积镇', '上桥镇', '古城镇']), dist('640381', '青铜峡市', ['小坝镇', '大坝镇', '叶盛镇'])] },
    ],
    hotspots: {},
  },
  '65': {
    code: '65',
    name: '新疆维吾尔自治区',
    cities: [
      { code: '650100', name: '乌鲁木齐市', initials: 'WLMQ', weight: 50, districts: [dist('650104', '新市区', ['北京路街道', '高新街街道', '安宁渠镇']), dist('650105', '水磨沟区', ['七道湾街道', '石人子沟街道']), dist('650109', '米东区', ['古牧地镇', '铁厂沟镇', '长山子镇'])] },
      { code: '650200', name: '克拉玛依市', initials: 'KLMY', weight: 14, districts: [dist('650202', '独山子区', ['金山路街道', '西宁路街道']), dist('650203', '克拉玛依区', ['天山路街道', '胜利路街道', '小拐乡'])] },
      { code: '650500', name: '哈密市', initials: 'HM', weight: 8, districts: [dist('650502', '伊州区', ['东河街道', '西河街道', '二堡镇'])] },
    ],
    hotspots: {},
  },
});
